import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import type { Schemas } from "./types";

/** A product of the shop's catalogue (price in whole rupiah). */
export type Product = Schemas["Product"];
/** POST /products body. */
export type ProductInput = Schemas["CreateProductInput"];
/** PATCH /products/:id body: only the fields that change. */
type ProductPatch = Schemas["UpdateProductInput"];
/** What an import answers: counts and the rejected rows' problems by line. */
type ProductImportResult = Schemas["ProductImportResult"];
type ProductPage = Schemas["ProductPage"];

/** The list's filters (empty strings: no filter). */
interface ProductFilters {
  search: string;
  category: string;
}

const productKeys = {
  all: ["products"] as const,
  list: (f: ProductFilters, page: number) => ["products", "list", f, page] as const,
  categories: ["products", "categories"] as const,
};

/** Page `page` (from 1) of the catalogue matching the filters, 50 a page. */
export function useProducts(filters: ProductFilters, page: number) {
  return useQuery({
    queryKey: productKeys.list(filters, page),
    queryFn: () => {
      const qs = new URLSearchParams({ page: String(page), pageSize: "50" });
      if (filters.search.trim()) qs.set("search", filters.search.trim());
      if (filters.category) qs.set("category", filters.category);
      return api<ProductPage>("GET", `/products?${qs}`);
    },
    placeholderData: keepPreviousData,
  });
}

/** The categories in use with their counts. */
export function useProductCategories() {
  return useQuery({
    queryKey: productKeys.categories,
    queryFn: () => api<{ category: string; count: number }[]>("GET", "/products/categories"),
  });
}

/** Adds a product (`id` null) or changes one. Field problems come back in `ApiError.fields`. */
export function useSaveProduct(id: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ProductInput | ProductPatch) =>
      id ? api<Product>("PATCH", `/products/${id}`, input) : api<Product>("POST", "/products", input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: productKeys.all }),
  });
}

export function useDeleteProduct() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>("DELETE", `/products/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: productKeys.all }),
  });
}

/** Uploads a product picture (JPEG/PNG); the answer is the product's `image` (plus its size). */
export function useUploadProductImage() {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append("file", file, file.name);
      return api<Schemas["UploadedMedia"]>("POST", "/products/images", form);
    },
  });
}

/** Imports a CSV or XLSX file; good rows are kept, bad ones reported by line. */
export function useImportProducts() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append("file", file, file.name);
      return api<ProductImportResult>("POST", "/products/imports", form);
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: productKeys.all }),
  });
}

/** The download address of the whole catalogue as CSV or Excel (owners only). */
export function productExportUrl(format: "csv" | "xlsx"): string {
  return `/api/v1/products/export?format=${format}`;
}
