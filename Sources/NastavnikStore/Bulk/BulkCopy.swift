import Foundation
import NastavnikOffice
import NIOCore
import PostgresNIO

// PostgreSQL takes rows fastest through `COPY … FROM STDIN`: no statement of 65,000 parameters to parse and plan
// per chunk, no bind messages — a stream of lines the server parses as it stores them. PostgresNIO offers COPY's
// text format: a line a row, columns separated by tabs, `\N` for NULL, backslash escapes for tab, newline,
// carriage return and the backslash itself. `BulkRowsTests` check that rows written this way read back, through
// Fluent, equal to the ones Fluent writes.

/// Writes `ColumnValue`s as the lines of `COPY … FROM STDIN (FORMAT text)`.
enum CopyText {
    /// Appends one row: its values separated by tabs, ended by a newline.
    static func append(_ row: [ColumnValue], to buffer: inout ByteBuffer) {
        for (i, value) in row.enumerated() {
            if i > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
            append(value, to: &buffer)
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    static func append(_ value: ColumnValue, to buffer: inout ByteBuffer) {
        switch value {
        case let .text(s): appendEscaped(s, to: &buffer)
        case let .integer(i): buffer.writeString(String(i))
        case let .uuid(u): appendUUID(u, to: &buffer)
        case let .timestamp(d): appendTimestamp(d, to: &buffer)
        case .null: buffer.writeStaticString("\\N")
        }
    }

    /// Text as is unless it holds a byte COPY treats specially.
    static func appendEscaped(_ text: String, to buffer: inout ByteBuffer) {
        var text = text
        text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == 9 || $0 == 10 || $0 == 13 || $0 == 92 }) else {
                buffer.writeBytes(bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case 9: buffer.writeStaticString("\\t")
                case 10: buffer.writeStaticString("\\n")
                case 13: buffer.writeStaticString("\\r")
                case 92: buffer.writeStaticString("\\\\")
                default: buffer.writeInteger(byte)
                }
            }
        }
    }

    /// The 8-4-4-4-12 form in lower case, written straight into the buffer (no `uuidString` per value).
    static func appendUUID(_ id: UUID, to buffer: inout ByteBuffer) {
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 36) { out in
            withUnsafeBytes(of: id.uuid) { bytes in
                var o = 0
                for n in 0..<16 {
                    if n == 4 || n == 6 || n == 8 || n == 10 {
                        out[o] = UInt8(ascii: "-")
                        o += 1
                    }
                    out[o] = hex(bytes[n] >> 4)
                    out[o + 1] = hex(bytes[n] & 0x0F)
                    o += 2
                }
            }
            return 36
        }
    }

    @inline(__always) private static func hex(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") - 10 + nibble
    }

    /// `YYYY-MM-DD HH:MM:SS.ffffff+00`, the instant cut to microseconds as PostgresNIO's binary bind cuts it
    /// (towards zero from 2000-01-01), so a row copied in reads back equal to one Fluent inserted.
    static func appendTimestamp(_ date: Date, to buffer: inout ByteBuffer) {
        let sincePostgresEpoch = Int64(date.timeIntervalSince(Date(timeIntervalSince1970: 946_684_800)) * 1_000_000)
        let micros = sincePostgresEpoch + 946_684_800 * 1_000_000
        let (days, microsOfDay) = floorDivision(micros, 86_400_000_000)
        let (year, month, day) = CivilCalendar.date(daysSinceEpoch: Int(days))
        let seconds = microsOfDay / 1_000_000
        digits(Int64(year), 4, &buffer)
        buffer.writeInteger(UInt8(ascii: "-"))
        digits(Int64(month), 2, &buffer)
        buffer.writeInteger(UInt8(ascii: "-"))
        digits(Int64(day), 2, &buffer)
        buffer.writeInteger(UInt8(ascii: " "))
        digits(seconds / 3600, 2, &buffer)
        buffer.writeInteger(UInt8(ascii: ":"))
        digits(seconds / 60 % 60, 2, &buffer)
        buffer.writeInteger(UInt8(ascii: ":"))
        digits(seconds % 60, 2, &buffer)
        buffer.writeInteger(UInt8(ascii: "."))
        digits(microsOfDay % 1_000_000, 6, &buffer)
        buffer.writeStaticString("+00")
    }

    private static func floorDivision(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a / b, r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }

    private static func digits(_ value: Int64, _ width: Int, _ buffer: inout ByteBuffer) {
        var divisor: Int64 = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            buffer.writeInteger(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }
}

extension CopyText {
    /// Bytes of rows sent to the server at a time.
    static let chunk = 1 << 20

    /// `values` as COPY's lines, in pieces of about `chunk` bytes.
    static func encode<M: BulkCoded>(_ values: [M.Core], _: M.Type, now: Date) -> [ByteBuffer] {
        var pieces: [ByteBuffer] = []
        var buffer = ByteBuffer()
        buffer.reserveCapacity(chunk + chunk / 8)
        var row: [ColumnValue] = []
        for value in values {
            M.bulkRow(value, now: now, into: &row)
            append(row, to: &buffer)
            if buffer.readableBytes >= chunk {
                pieces.append(buffer)
                buffer = ByteBuffer()
                buffer.reserveCapacity(chunk + chunk / 8)
            }
        }
        if buffer.readableBytes > 0 { pieces.append(buffer) }
        return pieces
    }
}

extension BulkPostgres {
    /// Inserts rows written as COPY's text (`CopyText.encode`) with one `COPY` on the caller's connection (inside
    /// its transaction, if any).
    static func copy<M: BulkCoded>(_ pieces: [ByteBuffer], into _: M.Type, on db: any PostgresDatabase) async throws {
        let logger = db.logger
        try await db.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                try await connection.copyFrom(table: M.schema, columns: M.bulkColumns, logger: logger) { writer in
                    for piece in pieces { try await writer.write(piece) }
                }
            }
        }.get()
    }
}
