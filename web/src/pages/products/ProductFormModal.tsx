import {
  Badge,
  Button,
  FileButton,
  Group,
  Modal,
  NumberInput,
  Stack,
  Switch,
  Text,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, fieldError } from "../../api/client";
import { useSaveProduct, useUploadProductImage, type Product, type ProductInput } from "../../api/products";

interface Props {
  opened: boolean;
  onClose: () => void;
  /** The product to edit; null adds one. */
  product: Product | null;
}

interface Draft {
  sku: string;
  name: string;
  price: number | "";
  category: string;
  consumptionDays: number | "";
  active: boolean;
  image: ProductInput["image"];
}

const blank: Draft = {
  sku: "",
  name: "",
  price: "",
  category: "",
  consumptionDays: "",
  active: true,
  image: null,
};

function draftOf(p: Product | null): Draft {
  if (!p) return blank;
  return {
    sku: p.sku,
    name: p.name,
    price: p.price,
    category: p.category ?? "",
    consumptionDays: p.consumptionDays ?? "",
    active: p.active,
    image: p.image,
  };
}

/** Adds or edits a product: SKU, name, price in rupiah, category, photo, consumption interval, active. */
export function ProductFormModal({ opened, onClose, product }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(draftOf(product));
  const [tried, setTried] = useState(false);
  const save = useSaveProduct(product?.id ?? null);
  const upload = useUploadProductImage();
  // Only when the modal opens (or opens for another product).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the mutations' reset functions are left out on purpose
  useEffect(() => {
    if (opened) {
      setDraft(draftOf(product));
      setTried(false);
      save.reset();
      upload.reset();
    }
  }, [opened, product]);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const required = (v: string | number) =>
    tried && String(v).trim() === "" ? t("products.form.required") : undefined;
  const serverError = (field: string) => fieldError(save.error, field);
  const submit = () => {
    setTried(true);
    if (!draft.sku.trim() || !draft.name.trim() || draft.price === "") return;
    const input: ProductInput = {
      sku: draft.sku.trim(),
      name: draft.name.trim(),
      price: draft.price,
      category: draft.category.trim() || null,
      consumptionDays: draft.consumptionDays === "" ? null : draft.consumptionDays,
      active: draft.active,
      image: draft.image ?? null,
    };
    save.mutate(input, {
      onSuccess: (p) => {
        notifications.show({ color: "teal", message: t("products.saved", { name: p.name }) });
        onClose();
      },
    });
  };
  const general = save.error && Object.keys((save.error as { fields?: object }).fields ?? {}).length === 0;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={product ? t("products.form.editTitle") : t("products.form.addTitle")}
      size="lg"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        data-testid="product-form"
      >
        <Stack gap="sm">
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label={t("products.form.sku")}
              description={t("products.form.skuHint")}
              value={draft.sku}
              onChange={(e) => set("sku", e.currentTarget.value)}
              error={required(draft.sku) ?? serverError("sku")}
              maxLength={64}
              miw={180}
              data-testid="product-sku"
            />
            <TextInput
              label={t("products.form.name")}
              value={draft.name}
              onChange={(e) => set("name", e.currentTarget.value)}
              error={required(draft.name) ?? serverError("name")}
              maxLength={200}
              miw={220}
              data-testid="product-name"
            />
          </Group>
          <Group grow align="flex-start" wrap="wrap">
            <NumberInput
              label={t("products.form.price")}
              prefix="Rp"
              thousandSeparator="."
              decimalSeparator=","
              allowDecimal={false}
              allowNegative={false}
              min={0}
              value={draft.price}
              onChange={(v) => set("price", typeof v === "number" ? v : v === "" ? "" : Number(v))}
              error={required(draft.price) ?? serverError("price")}
              miw={180}
              data-testid="product-price"
            />
            <TextInput
              label={t("products.form.category")}
              placeholder={t("products.form.categoryPlaceholder")}
              value={draft.category}
              onChange={(e) => set("category", e.currentTarget.value)}
              error={serverError("category")}
              maxLength={100}
              miw={180}
              data-testid="product-category"
            />
          </Group>
          <NumberInput
            label={t("products.form.interval")}
            description={t("products.form.intervalHint")}
            allowDecimal={false}
            allowNegative={false}
            min={1}
            max={3650}
            value={draft.consumptionDays}
            onChange={(v) => set("consumptionDays", typeof v === "number" ? v : "")}
            error={serverError("consumptionDays")}
            data-testid="product-interval"
          />
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              {t("products.form.image")}
            </Text>
            <Group gap="xs">
              {draft.image && (
                <Badge variant="light" color="grape" tt="none" data-testid="product-image-chip">
                  {draft.image.filename ?? t("products.form.image")}
                </Badge>
              )}
              <FileButton
                accept="image/jpeg,image/png"
                onChange={(file) =>
                  file &&
                  upload.mutate(file, { onSuccess: ({ size: _size, ...media }) => set("image", media) })
                }
              >
                {(props) => (
                  <Button {...props} size="compact-sm" variant="default" loading={upload.isPending}>
                    {draft.image ? t("products.form.imageReplace") : t("products.form.imageAdd")}
                  </Button>
                )}
              </FileButton>
              {draft.image && (
                <Button size="compact-sm" variant="subtle" color="red" onClick={() => set("image", null)}>
                  {t("products.form.imageRemove")}
                </Button>
              )}
            </Group>
            {upload.error && (
              <Text size="xs" c="red">
                {fieldError(upload.error, "file") ?? errorMessage(upload.error)}
              </Text>
            )}
            {serverError("image") && (
              <Text size="xs" c="red">
                {serverError("image")}
              </Text>
            )}
          </Stack>
          <Switch
            label={t("products.form.active")}
            checked={draft.active}
            onChange={(e) => set("active", e.currentTarget.checked)}
          />
          {general && (
            <Text size="sm" c="red" role="alert">
              {errorMessage(save.error)}
            </Text>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t("products.form.cancel")}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="product-save">
              {t("products.form.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
