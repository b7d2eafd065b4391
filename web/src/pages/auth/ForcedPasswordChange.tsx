import { Button, Center, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useSignOut } from "../../api/session";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { ChangePasswordForm } from "./ChangePasswordForm";

/**
 * Shown instead of the app to a user signed in with a temporary password (the session's
 * `mustChangePassword`): the API refuses everything else until it is changed. After the
 * change the session user no longer carries the flag and the app shows itself.
 */
export function ForcedPasswordChange() {
  const { t } = useTranslation();
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper
        withBorder
        shadow="sm"
        p="xl"
        radius="md"
        w="100%"
        maw={400}
        data-testid="forced-password-change"
      >
        <Stack>
          <Group justify="space-between">
            <Title order={2} c="teal.7">
              Kabar
            </Title>
            <LanguageSwitch />
          </Group>
          <Title order={4}>{t("auth.forcedTitle")}</Title>
          <Text c="dimmed" size="sm">
            {t("auth.forcedIntro")}
          </Text>
          <ChangePasswordForm />
          <Button
            variant="subtle"
            color="gray"
            onClick={() =>
              signOut.mutate(undefined, { onSettled: () => void navigate("/sign-in", { replace: true }) })
            }
          >
            {t("auth.signOut")}
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
