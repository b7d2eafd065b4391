import { Center, Group, Paper, Stack, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { LanguageSwitch } from "./LanguageSwitch";

/**
 * The frame of a page for someone not signed in (the shop's sign-in and sign-up, the
 * platform console's sign-in): a card in the middle of the screen, `title` in `color` with
 * the language switch beside it, then `children`. `width` is the card's largest width (px).
 */
export function AuthCard({
  title,
  color = "teal.7",
  bg = "gray.0",
  width = 400,
  children,
}: {
  title: ReactNode;
  color?: string;
  bg?: string;
  width?: number;
  children: ReactNode;
}) {
  return (
    <Center mih="100vh" bg={bg} p="md">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={width}>
        <Stack>
          <Group justify="space-between">
            <Title order={2} c={color}>
              {title}
            </Title>
            <LanguageSwitch />
          </Group>
          {children}
        </Stack>
      </Paper>
    </Center>
  );
}
