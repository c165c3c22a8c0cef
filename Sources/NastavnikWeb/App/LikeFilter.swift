import Fluent
import NastavnikCore
import SQLKit

extension QueryBuilder {
    /// `field LIKE '%text%' ESCAPE '\'`: the text is matched literally — a «%» or «_» typed into a search is no
    /// wildcard, and finds only the values that contain it. Works on SQLite and PostgreSQL alike (SQLite's LIKE is
    /// case-insensitive for Latin letters only, PostgreSQL's is case-sensitive: callers try the case variants).
    @discardableResult
    func filter<Property: QueryableProperty>(_ field: KeyPath<Model, Property>, containsLiterally text: String) -> Self {
        let column = SQLColumn(SQLIdentifier(Model.path(for: field).map(\.description).joined(separator: "_")), table: SQLIdentifier(Model.schemaOrAlias))
        return filter(.custom(SQLQueryString("\(column) LIKE \(bind: LikePattern.contains(text)) ESCAPE '\\'")))
    }
}
