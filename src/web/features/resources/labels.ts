import {
  RESOURCE_AUDIENCE_LABELS,
  RESOURCE_AUDIENCES,
  RESOURCE_KIND_LABELS,
  RESOURCE_KINDS,
} from "../../../domain/resources.ts";

export const KIND_OPTIONS = RESOURCE_KINDS.map((k) => ({
  value: k,
  label: RESOURCE_KIND_LABELS[k],
}));
export const AUDIENCE_OPTIONS = RESOURCE_AUDIENCES.map((a) => ({
  value: a,
  label: RESOURCE_AUDIENCE_LABELS[a],
}));

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
export const fileSize = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : megabytes(bytes);
export { megabytes, RESOURCE_AUDIENCE_LABELS, RESOURCE_KIND_LABELS };
