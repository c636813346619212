import { useQuery } from "@tanstack/react-query";

/** Whether this app's backend forwards to a local fake of the service (it says so at /api/backend). */
export function useBackendInfo() {
  return useQuery({
    queryKey: ["voice-library", "backend"],
    queryFn: async ({ signal }): Promise<{ fake: boolean }> => {
      const response = await fetch("/api/backend", { signal });
      if (!response.ok) throw new Error(`GET /api/backend answered ${response.status}`);
      return response.json();
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}
