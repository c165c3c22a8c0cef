import Fluent
import SQLKit

/// Fluent decodes every field of every row through a prefixed column name (`people_last_name`, built anew
/// for each lookup, three lookups per optional field); reading a school's 100,000 people, places and
/// consents for an import spent most of its time there. These queries select the table's own columns and
/// decode them by their plain names into the same records.
private struct PlainRowOutput: DatabaseOutput {
    let row: any SQLRow
    func schema(_ schema: String) -> any DatabaseOutput { self }
    func contains(_ key: FieldKey) -> Bool { row.contains(column: key.description) }
    func decodeNil(_ key: FieldKey) throws -> Bool { try row.decodeNil(column: key.description) }
    func decode<T: Decodable>(_ key: FieldKey, as: T.Type) throws -> T { try row.decode(column: key.description, as: T.self) }
    var description: String { "\(row)" }
}

extension SQLDatabase {
    /// The records of `M` whose rows meet `condition` (SQL after WHERE, values bound).
    public func records<M: Model>(_ type: M.Type, where condition: SQLQueryString) async throws -> [M] {
        try await raw("SELECT * FROM \(ident: M.schema) WHERE \(condition)").all().map { row in
            let record = M()
            try record.output(from: PlainRowOutput(row: row))
            return record
        }
    }
}
