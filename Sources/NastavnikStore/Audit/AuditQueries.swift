import Fluent
import Foundation
import NastavnikCore
import SQLKit

/// The audit log as the clerk filters it: scope, person, record kind, author and period are conditions of one query,
/// which also orders (newest first) and pages, so a request reads one page of entries however long the log.
public struct AuditQueries: Sendable {
    let db: any Database

    public init(_ db: any Database) {
        self.db = db
    }

    /// What the log filters on. Text filters are given as their spellings (LIKE is case-sensitive for Cyrillic).
    public struct Filter: Sendable {
        public var reach: ScopeReach
        /// The full name of the person the entry is about contains one of these.
        public var person: [String]
        public var entity: String?
        /// Who made the change («Фамилия Имя (логин)») contains one of these.
        public var actor: [String]
        /// Entries at or after `from`, and before `until`.
        public var from: Date?
        public var until: Date?

        public init(reach: ScopeReach, person: [String] = [], entity: String? = nil, actor: [String] = [], from: Date? = nil, until: Date? = nil) {
            self.reach = reach
            self.person = person
            self.entity = entity
            self.actor = actor
            self.from = from
            self.until = until
        }
    }

    /// One entry with the name of the person it is about (nil when the person is gone).
    public struct Row: Sendable {
        public var entry: AuditEntry
        /// The entry's changes, read from their JSON.
        public var changes: [AuditChange]
        public var personName: String?
    }

    /// The page of entries passing `f`, newest first, and how many pass.
    public func page(_ f: Filter, offset: Int, limit: Int) async throws -> (total: Int, rows: [Row]) {
        let q = query(f)
        let total = try await q.copy().count()
        let records = try await q.sort(\.$at, .descending).sort(\.$id, .descending).offset(offset).limit(limit).all()
        let ids = Array(Set(records.map(\.personID)))
        let people = ids.isEmpty ? [] : try await PersonRecord.query(on: db).filter(\.$id ~~ ids).all()
        let names = Dictionary(people.compactMap { try? $0.core }.map { ($0.id, $0.fullName) }, uniquingKeysWith: { a, _ in a })
        return (total, records.compactMap { r in
            guard let id = r.id else { return nil }
            return Row(entry: AuditEntry(id: id, at: r.at, accountID: r.accountID, actor: r.actor, personID: r.personID, entity: r.entity,
                                         entityID: r.entityID, action: r.action, storedChanges: r.changes), changes: r.changeList, personName: names[r.personID])
        })
    }

    func query(_ f: Filter) -> QueryBuilder<AuditRecord> {
        var q = AuditRecord.query(on: db).filter(.custom(Self.scope(f.reach)))
        if !f.person.isEmpty { q = q.filter(BaseQueries.Conditions(AuditRecord.self).name(f.person)) }
        if let entity = f.entity { q = q.filter(\.$entity == entity) }
        if !f.actor.isEmpty {
            let like = f.actor.map { s -> SQLQueryString in "\(ident: AuditRecord.schema).actor LIKE \(bind: LikePattern.contains(s)) ESCAPE '\\'" }
            q = q.filter(.custom(SQLQueryString("(\(like.joined(separator: " OR ")))")))
        }
        if let from = f.from { q = q.filter(\.$at >= from) }
        if let until = f.until { q = q.filter(\.$at < until) }
        return q
    }

    /// The entries about people in reach: anyone (`all`), the listed people, or the people who have (or had) a place
    /// in the reach's organisations — as the log always showed.
    static func scope(_ reach: ScopeReach) -> SQLQueryString {
        let person: SQLQueryString = "\(ident: AuditRecord.schema).person_id"
        switch reach {
        case .all: return "1 = 1"
        case let .persons(ids): return ids.isEmpty ? "1 = 0" : "\(person) IN (\(binds: ids))"
        default: return "\(person) IN (SELECT m.person_id FROM memberships m WHERE \(reach.condition(organisation: "m.organisation_id", person: "m.person_id")))"
        }
    }
}
