import { Center, Loader } from "@mantine/core";

/** Shown while a page's code or data is on its way. */
export function PageLoading() {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader size="md" aria-hidden />
      <span className="visually-hidden">Loading the page…</span>
    </Center>
  );
}
