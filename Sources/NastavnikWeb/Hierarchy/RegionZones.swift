import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// A region's IANA time zone (issue 23, defect 6): chosen by the administrator on «Регионы и муниципалитеты».
enum RegionZones {
    /// The zone typed or chosen, checked against the time zone database; nil when blank.
    static func validated(_ text: String?) throws -> String? {
        guard let zone = text.nonBlank?.trimmingCharacters(in: .whitespaces) else { return nil }
        guard LocalTime.isValid(zone) else {
            throw ValidationError("timeZone", "Часовой пояс «\(zone)» не найден: выберите его из списка или укажите идентификатор IANA, например Europe/Samara.")
        }
        return zone
    }

    static func update(_ req: Request, _ id: UUID, _ input: TerritoryInput) async throws -> Region {
        guard try req.user.actor.role == .administrator else { throw Abort(.forbidden, reason: "Часовой пояс региона меняет только администратор.") }
        guard let record = try await RegionRecord.find(id, on: req.db) else { throw Abort(.notFound, reason: "Регион не найден.") }
        guard let zone = try validated(input.timeZone) else { throw ValidationError("timeZone", "Выберите часовой пояс региона.") }
        var region = record.core
        region.timeZone = zone
        record.apply(region)
        try await record.save(on: req.db)
        return region
    }

    /// The select of Russia's zones, with `current` kept when it is another valid zone.
    static func field(_ current: String?, today: Day) -> FormField {
        var options = LocalTime.russianZones.map { z in (z.identifier, "\(z.identifier) — \(LocalTime.label(z.identifier, on: today)): \(z.regions)") }
        if let current, !options.contains(where: { $0.0 == current }) {
            options.append((current, "\(current) — \(LocalTime.label(current, on: today))"))
        }
        return FormField("timeZone", "Часовой пояс (время встреч пар указывается по нему)", .select(options, blank: nil), value: current ?? LocalTime.moscow, required: true)
    }

    /// The region's zone; for the administrator, the form that changes it.
    static func zoneBlock(_ req: Request, _ r: Region, editable: Bool) -> Node {
        let text = "Часовой пояс: \(r.timeZone) — \(LocalTime.label(r.timeZone, on: req.today))"
        guard editable else { return el("p", ["class": "muted"]) { text } }
        return Forms.form(action: "/territory/regions/\(r.id)", csrf: req.csrfToken, fields: [field(r.timeZone, today: req.today)],
            submit: "Сохранить часовой пояс", idSuffix: "-zone-\(r.id)")
    }
}
