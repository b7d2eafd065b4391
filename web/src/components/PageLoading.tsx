import { Center, Loader } from "@mantine/core";

/** The whole window waiting: a session being checked, or a page's code loading on first open. */
export function PageLoading() {
  return (
    <Center h="100vh">
      <Loader />
    </Center>
  );
}
