export { createVoicesMcpServer, type VoicesMcpServerOptions } from "./server.js";
