import { Button, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** "Page not found", with a button back to `home` (the shop's start page, or the platform console's). */
export function NotFoundPage({ home = "/" }: { home?: string }) {
  const { t } = useTranslation();
  return (
    <Stack align="center" py="xl">
      <Title order={2}>{t("notFound.title")}</Title>
      <Text c="dimmed">{t("notFound.text")}</Text>
      <Button component={Link} to={home} variant="light">
        {t("notFound.home")}
      </Button>
    </Stack>
  );
}
