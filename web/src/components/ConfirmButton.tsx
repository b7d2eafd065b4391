import { Button, Group, Modal, Text, type ButtonProps } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface Props extends Omit<ButtonProps, "onClick"> {
  /** The modal's title and question. */
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  children: ReactNode;
}

/** A button that asks first (destructive or irreversible actions). */
export function ConfirmButton({
  title,
  message,
  confirmLabel,
  onConfirm,
  children,
  color,
  ...button
}: Props) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button color={color} {...button} onClick={open}>
        {children}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered>
        <Text size="sm" mb="lg">
          {message}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t("common.back")}
          </Button>
          <Button
            color={color}
            onClick={() => {
              close();
              onConfirm();
            }}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
