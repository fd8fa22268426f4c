import zlib from "node:zlib";

/**
 * Hostile XLSX files, built in memory without ever holding what they unpack to: each
 * part is deflated as a stream from repeated chunks. A part's `lieAbout` size is written
 * into the zip's directory in place of the true one.
 */
export interface BombPart {
  name: string;
  /** Text before, the chunk repeated `times` times, text after. */
  head: string;
  chunk: string;
  times: number;
  tail: string;
  lieAbout?: number;
}

async function deflatePart(part: BombPart) {
  const deflate = zlib.createDeflateRaw();
  const out: Buffer[] = [];
  deflate.on("data", (b: Buffer) => out.push(b));
  const ended = new Promise<void>((resolve) => deflate.on("end", resolve));
  let crc = 0;
  let size = 0;
  const write = async (text: string) => {
    const buf = Buffer.from(text, "utf8");
    crc = zlib.crc32(buf, crc);
    size += buf.length;
    if (!deflate.write(buf)) await new Promise((r) => deflate.once("drain", r));
  };
  await write(part.head);
  const chunk = part.chunk;
  for (let i = 0; i < part.times; i++) await write(chunk);
  await write(part.tail);
  deflate.end();
  await ended;
  return { data: Buffer.concat(out), crc, size };
}

const WORKBOOK_PARTS = (sheet: Omit<BombPart, "name">): BombPart[] => [
  {
    name: "[Content_Types].xml",
    head: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    chunk: "",
    times: 0,
    tail: "",
  },
  {
    name: "_rels/.rels",
    head: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    chunk: "",
    times: 0,
    tail: "",
  },
  {
    name: "xl/workbook.xml",
    head: '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Pupils" sheetId="1" r:id="rId1"/></sheets></workbook>',
    chunk: "",
    times: 0,
    tail: "",
  },
  {
    name: "xl/_rels/workbook.xml.rels",
    head: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    chunk: "",
    times: 0,
    tail: "",
  },
  { name: "xl/worksheets/sheet1.xml", ...sheet },
];

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = "</sheetData></worksheet>";

/** A zip of the given parts, deflated. */
export async function buildZip(parts: BombPart[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const { data, crc, size } = await deflatePart(part);
    const name = Buffer.from(part.name, "utf8");
    const declared = part.lieAbout ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A sheet of one cell holding `megabytes` MB of text: small packed, huge unpacked (a liar declares 30 MB). */
export function sizeBomb(megabytes: number, options: { lie?: boolean } = {}): Promise<Buffer> {
  return buildZip(
    WORKBOOK_PARTS({
      head: `${SHEET_HEAD}<row r="1"><c r="A1" t="inlineStr"><is><t>`,
      chunk: "A".repeat(1024 * 1024),
      times: megabytes,
      tail: `</t></is></c></row>${SHEET_TAIL}`,
      ...(options.lie ? { lieAbout: 30 * 1024 * 1024 } : {}),
    }),
  );
}

/** A sheet of `rows` rows, each one short cell. */
export function rowBomb(rows: number): Promise<Buffer> {
  return buildZip(
    WORKBOOK_PARTS({
      head: SHEET_HEAD,
      chunk: '<row><c t="inlineStr"><is><t>x</t></is></c></row>',
      times: rows,
      tail: SHEET_TAIL,
    }),
  );
}

/** A header row with one cell far to the right, at `column` (e.g. "XFD"). */
export function columnBomb(column: string): Promise<Buffer> {
  return buildZip(
    WORKBOOK_PARTS({
      head: `${SHEET_HEAD}<row r="1"><c r="A1" t="inlineStr"><is><t>UPN</t></is></c><c r="${column}1" t="inlineStr"><is><t>far</t></is></c></row>`,
      chunk: "",
      times: 0,
      tail: SHEET_TAIL,
    }),
  );
}
