import { Table, Text } from "@mantine/core";
import type { Visit } from "../../../contracts/programme-year.ts";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { formatDate, londonDate } from "../../lib/format.ts";

/** Where a visit stands, in words with a mark: booked, recorded, or answered by the school. */
export function VisitStage({ visit }: { visit: Visit }) {
  const recorded = Boolean(visit.strengths || visit.challenges || visit.questions);
  const upcoming = visit.visitOn >= londonDate(new Date());
  const [symbol, label] = visit.leaderResponse
    ? ["✓", "Recorded · school has responded"]
    : recorded
      ? ["✎", "Recorded · waiting for the school's response"]
      : upcoming
        ? ["◷", "Booked"]
        : ["⚠", "Not recorded yet"];
  return (
    <Text size="sm" component="span">
      <span
        aria-hidden="true"
        className={symbol === "⚠" ? "mark mark-warn" : symbol === "✓" ? "mark mark-ok" : "mark"}
      >
        {symbol}
      </span>
      <span>{label}</span>
    </Text>
  );
}

/** A list of visits, newest first, each opening its notes. */
export function VisitsTable({
  visits,
  label,
  showSchool = false,
}: {
  visits: Visit[];
  label: string;
  showSchool?: boolean;
}) {
  return (
    <div className="wide-table-region">
      <Table striped verticalSpacing="sm" miw={640} aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Date</Table.Th>
            {showSchool ? <Table.Th>School</Table.Th> : null}
            <Table.Th>Where it stands</Table.Th>
            <Table.Th className="num">Agreed actions</Table.Th>
            <Table.Th>
              <span className="visually-hidden">Open</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {visits.map((v) => (
            <Table.Tr key={v.id} data-testid="visit-row">
              <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(v.visitOn)}</Table.Td>
              {showSchool ? <Table.Td>{v.schoolName}</Table.Td> : null}
              <Table.Td>
                <VisitStage visit={v} />
              </Table.Td>
              <Table.Td className="num">{v.actions.length}</Table.Td>
              <Table.Td>
                <AnchorLink to="/visits/$visitId" params={{ visitId: v.id }} size="sm" fw={600}>
                  Open
                  <span className="visually-hidden">
                    {" "}
                    the visit to {v.schoolName} on {formatDate(v.visitOn)}
                  </span>
                </AnchorLink>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
