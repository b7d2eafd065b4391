import { Button, type ButtonProps, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { type CheckoutInput, goToPayment, useCheckout } from "../../api/billing";
import { errorMessage } from "../../api/client";

/**
 * A button that starts a payment (`POST /billing/checkout`) and sends the browser to the
 * payment page; a refusal (e.g. 502 `payment_provider_unavailable`) shows under it.
 */
export function CheckoutButton({
  input,
  children,
  ...props
}: { input: CheckoutInput; children: ReactNode } & ButtonProps) {
  const checkout = useCheckout();
  return (
    <div>
      <Button
        {...props}
        loading={checkout.isPending}
        onClick={() => checkout.mutate(input, { onSuccess: goToPayment })}
      >
        {children}
      </Button>
      {checkout.error && (
        <Text size="xs" c="red" mt={4} role="alert">
          {errorMessage(checkout.error)}
        </Text>
      )}
    </div>
  );
}
