import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Select, Text, tokens } from "@fluentui/react-components";
import { useEffect, useRef } from "react";
import { planGtin } from "./gtinPlan";
import type { Scanner } from "./useScanner";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  ask: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
});

/**
 * The top of a form that takes scans: the Scan field, the question for a barcode no product has
 * yet, and what the last scan filled.
 */
export function ScanPanel({ scanner }: { scanner: Scanner }) {
  const styles = useStyles();
  const { unknown, notice } = scanner;
  const askRef = useRef<HTMLSelectElement>(null);
  const asking = unknown?.gtin ?? null;
  useEffect(() => {
    if (asking !== null) askRef.current?.focus();
  }, [asking]);
  const plan = unknown && unknown.choice !== "" ? planGtin(scanner.books, unknown.choice, unknown.gtin) : null;

  return (
    <div className={styles.panel}>
      <Field label="Scan barcode" hint="Scan the box or vial here, or into any field of this form: product, lot and expiry fill in. Nothing is saved until you confirm the entry.">
        <Input ref={scanner.fieldRef} value={scanner.text} onChange={(_, d) => scanner.setText(d.value)} onKeyDown={scanner.scanFieldKeys} autoComplete="off" />
      </Field>
      {unknown && (
        <div className={styles.ask} role="group" aria-label="Unknown barcode">
          <Text>
            No product in the Products table has the barcode with GTIN {unknown.gtin}. Which product is it? Any product may have several barcodes (a vial
            and its carton, say), so one that has a GTIN already can take this one too. (A product new to this workbook: add its row to the Products
            table first, then scan again.)
          </Text>
          <Field label={`Product for GTIN ${unknown.gtin}`}>
            <Select ref={askRef} value={unknown.choice} onChange={(_, d) => scanner.choose(d.value)}>
              <option value="">Choose a product…</option>
              {scanner.products.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </Select>
          </Field>
          {plan && <Text>{plan.says}</Text>}
          <div className={styles.actions}>
            <Button appearance="primary" disabled={scanner.busy} onClick={() => void scanner.confirmProduct()}>
              {plan?.kind === "none" ? "Use for this scan" : "Record GTIN"}
            </Button>
            <Button onClick={scanner.dismiss}>Cancel</Button>
          </div>
        </div>
      )}
      {/* Present before any scan, so that screen readers announce what a scan filled. */}
      <div className={styles.panel} role="status">
        {notice && (
          <MessageBar intent={notice.intent} role={notice.intent === "error" ? "alert" : undefined}>
            <MessageBarBody>{notice.text}</MessageBarBody>
          </MessageBar>
        )}
        {notice?.details.map((d, i) => (
          <MessageBar key={i} intent="warning">
            <MessageBarBody>{d}</MessageBarBody>
          </MessageBar>
        ))}
      </div>
    </div>
  );
}
