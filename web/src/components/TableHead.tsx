import { Table } from "@mantine/core";
import type { ReactNode } from "react";

/** The header row of a table: one cell per column title, in order. */
export function TableHead({ columns }: { columns: ReactNode[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: header cells are fixed per table and never reordered
          <Table.Th key={i}>{c}</Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}
