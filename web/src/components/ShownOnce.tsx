import { Alert, Button, Code, CopyButton, Group, Stack } from "@mantine/core";
import type { ReactNode } from "react";

/**
 * A secret shown this once (the server keeps only its hash: an API key, a temporary
 * password): a warning, the value, a copy button and the button that closes it. The words
 * are the caller's; the test ids are `${testId}`, `-once`, `-value`, `-copy` and `-done`.
 */
export function ShownOnce({
  value,
  warning,
  words,
  onDone,
  testId,
}: {
  value: string;
  warning: ReactNode;
  words: { copy: string; copied: string; done: string };
  onDone: () => void;
  testId: string;
}) {
  return (
    <Stack data-testid={testId}>
      <Alert color="orange" data-testid={`${testId}-once`}>
        {warning}
      </Alert>
      <Code block data-testid={`${testId}-value`}>
        {value}
      </Code>
      <Group justify="space-between">
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button
              variant="light"
              color={copied ? "teal" : "blue"}
              onClick={copy}
              data-testid={`${testId}-copy`}
            >
              {copied ? words.copied : words.copy}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onDone} data-testid={`${testId}-done`}>
          {words.done}
        </Button>
      </Group>
    </Stack>
  );
}
