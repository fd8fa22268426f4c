import { Alert } from "@mantine/core";
import "./cohort.css";

/** The 10–20 warning: "About 15 pupils is the aim…", in words and with a mark, not colour alone. */
export function SizeWarning({ children }: { children: string }) {
  return (
    <Alert color="orange" variant="light" className="size-warning" title="⚠ Check the size">
      {children}
    </Alert>
  );
}
