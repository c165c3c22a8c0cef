/// A user's search text inside an SQL LIKE pattern: `\`, `%` and `_` are escaped with a backslash, so that a search
/// for «%» or «_» finds only the values containing that very character (the query says `ESCAPE '\'`, which both
/// SQLite and PostgreSQL understand).
public enum LikePattern {
    public static let escapeCharacter = "\\"

    public static func escaped(_ text: String) -> String {
        var out = ""
        for c in text {
            if c == "\\" || c == "%" || c == "_" { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// `%text%`, escaped.
    public static func contains(_ text: String) -> String { "%" + escaped(text) + "%" }
}
