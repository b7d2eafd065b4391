/** Errors of roles and of giving people roles (the users module throws these too). */
import { defineErrors } from "../../lib/errors.js";

/** The roles module's catalogue. */
export const roleErrors = defineErrors({
  notFound: {
    code: "role_not_found",
    status: 404,
    when: "The custom role in the path does not exist in the shop (built-in roles have no id).",
    message: { id: "Peran tidak ditemukan", en: "Role not found" },
  },
  unknownRole: {
    code: "unknown_role",
    status: 400,
    when: "A body's `roleId` names a role the shop does not have.",
    message: {
      id: "Peran tidak dikenal",
      en: "Unknown role",
      fields: { roleId: "unknown role" },
    },
  },
  nameTaken: {
    code: "role_name_taken",
    status: 409,
    when: "Creating or renaming a custom role to a name another role of the shop has.",
    message: {
      id: "Nama peran ini sudah dipakai",
      en: "This role name is already used",
      fields: { name: "already used" },
    },
  },
  inUse: {
    code: "role_in_use",
    status: 409,
    when: "Deleting a custom role someone still holds: give them another role first.",
    message: (p: { users: number }) => ({
      id: `Peran ini masih dipakai ${p.users} pengguna`,
      en: `This role is still held by ${p.users} user(s)`,
    }),
  },
  notHeld: {
    code: "permission_not_held",
    status: 403,
    when: "Granting permissions (in a role, or by giving someone a role) that the caller does not hold.",
    message: (p: { permissions: string }) => ({
      id: `Anda tidak bisa memberi izin yang tidak Anda miliki: ${p.permissions}`,
      en: `You cannot grant permissions you do not hold: ${p.permissions}`,
      fields: { permissions: p.permissions },
    }),
  },
  ownerOnly: {
    code: "owner_role_owner_only",
    status: 403,
    when: "Someone who is not an owner gives the owner role, or changes an owner.",
    message: {
      id: "Hanya pemilik yang bisa memberi atau mengubah peran pemilik",
      en: "Only an owner can give or change the owner role",
    },
  },
  lastOwner: {
    code: "last_owner",
    status: 409,
    when: "Changing the role of the shop's only owner: make another owner first.",
    message: {
      id: "Toko harus punya setidaknya satu pemilik",
      en: "The shop must keep at least one owner",
    },
  },
});
