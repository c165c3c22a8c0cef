import Fluent
import Foundation
import NIOConcurrencyHelpers
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

/// Issue 23, the guard «form contract in Swift»: every field name a rendered form posts is a name its handler reads.
/// («Добавить человека» posted `membership.organisationID`; the handler read `membership[organisationID]`: the form
/// never saved, and the suites, which posted hand-built payloads, never noticed.)
///
/// The URL-encoded form decoder is wrapped so that it records the top-level keys each handler asks for; every page a
/// role reaches by links (`ReachabilityTests`' crawl) has its forms submitted unchanged, and each posted name must be
/// one of the keys its handler asked for.
@Suite("Form contract: every posted field is read by its handler", .serialized)
struct FormContractTests {
    /// The keys read while decoding form bodies, per test task.
    final class Recorder: @unchecked Sendable {
        let keys = NIOLockedValueBox<Set<String>>([])
        func record(_ key: String) { keys.withLockedValue { _ = $0.insert(key) } }
    }

    /// Recorders by the `X-Form-Contract` header of the request they listen to (the handler runs on the event
    /// loop, out of reach of a task-local value).
    static let recorders = NIOLockedValueBox<[String: Recorder]>([:])

    /// Submits the form as `RenderedForm` does, with the decoder recording what the handler reads.
    static func submit(_ app: Application, _ form: RenderedForm, cookie: String) async throws -> (HTTPStatus, Set<String>) {
        let id = UUID().uuidString, recorder = Recorder()
        recorders.withLockedValue { $0[id] = recorder }
        defer { _ = recorders.withLockedValue { $0.removeValue(forKey: id) } }
        var status: HTTPStatus = .internalServerError
        try await app.testing().test(.POST, form.action, headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": "nastavnik_session=\(cookie)", "X-Form-Contract": id],
                                     body: ByteBuffer(string: form.encoded), afterResponse: { res in status = res.status })
        return (status, recorder.keys.withLockedValue { $0 })
    }

    /// Decodes as the configured decoder does, through a decoder that records the keys its type asks for.
    struct RecordingFormDecoder: ContentDecoder {
        let base: any ContentDecoder

        func decode<D: Decodable>(_: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
            try decode(D.self, from: body, headers: headers, userInfo: [:])
        }

        func decode<D: Decodable>(_: D.Type, from body: ByteBuffer, headers: HTTPHeaders, userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
            guard let id = headers.first(name: "X-Form-Contract"), let recorder = FormContractTests.recorders.withLockedValue({ $0[id] }) else {
                return try base.decode(D.self, from: body, headers: headers, userInfo: userInfo)
            }
            return try base.decode(Capture<D>.self, from: body, headers: headers, userInfo: userInfo.merging([Capture<D>.key: recorder]) { $1 }).value
        }
    }

    /// Reads the real decoder's keyed container through a recording one.
    struct Capture<D: Decodable>: Decodable {
        static var key: CodingUserInfoKey { CodingUserInfoKey(rawValue: "formContractRecorder")! }  // proven: a non-empty literal
        let value: D
        init(from decoder: any Decoder) throws {
            guard let recorder = decoder.userInfo[Self.key] as? Recorder else { value = try D(from: decoder); return }
            value = try D(from: RecordingDecoder(base: decoder, recorder: recorder))
        }
    }

    struct RecordingDecoder: Decoder {
        let base: any Decoder
        let recorder: Recorder
        var codingPath: [any CodingKey] { base.codingPath }
        var userInfo: [CodingUserInfoKey: Any] { base.userInfo }
        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            KeyedDecodingContainer(RecordingContainer(base: try base.container(keyedBy: type), recorder: recorder))
        }
        func unkeyedContainer() throws -> any UnkeyedDecodingContainer { try base.unkeyedContainer() }
        func singleValueContainer() throws -> any SingleValueDecodingContainer { try base.singleValueContainer() }
    }

    struct RecordingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let base: KeyedDecodingContainer<Key>
        let recorder: Recorder
        var codingPath: [any CodingKey] { base.codingPath }
        var allKeys: [Key] { base.allKeys }
        func contains(_ key: Key) -> Bool { recorder.record(key.stringValue); return base.contains(key) }
        func decodeNil(forKey key: Key) throws -> Bool { recorder.record(key.stringValue); return try base.decodeNil(forKey: key) }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { recorder.record(key.stringValue); return try base.decode(type, forKey: key) }
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { recorder.record(key.stringValue); return try base.decodeIfPresent(type, forKey: key) }
        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            recorder.record(key.stringValue)
            return try base.nestedContainer(keyedBy: type, forKey: key)
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { recorder.record(key.stringValue); return try base.nestedUnkeyedContainer(forKey: key) }
        func superDecoder() throws -> any Decoder { try base.superDecoder() }
        func superDecoder(forKey key: Key) throws -> any Decoder { recorder.record(key.stringValue); return try base.superDecoder(forKey: key) }
    }

    /// The first component of a posted name: `membership[start]` → `membership`, `ids[]` → `ids`.
    static func topLevel(_ name: String) -> String { String(name.prefix { $0 != "[" }) }

    /// Forms not submitted: they end the session the crawl runs in.
    static let skipped = ["/logout", "/account/password"]

    @Test("The recording decoder sees a renamed field: a dotted name is not the nested key the handler reads")
    func recorderWorks() async throws {
        try await withApp { app, _ in
            ContentConfiguration.global.use(decoder: RecordingFormDecoder(base: URLEncodedFormDecoder()), for: .urlEncodedForm)
            let cookie = try await app.sessionCookie("curator")
            var form = try #require(RenderedForm.all(in: try await app.html("/people/new", cookie: cookie)).first { $0.action == "/people/new" })
            form.fields.append((name: "membership.organisationID", value: "x"))
            let (_, read) = try await Self.submit(app, form, cookie: cookie)
            #expect(read.contains("membership") && read.contains("lastName") && read.contains("csrf"))
            #expect(!read.contains("membership.organisationID"), "the flat dotted key is read by nobody")
        }
    }

    @Test("Every form on every page each role reaches posts only names its handler reads")
    func everyForm() async throws {
        var unread: [String] = []
        var checked = Set<String>()
        // A world per role: the forms are submitted as they stand, and some switch accounts off or end pairs.
        for login in ["admin", "mun1", "curator", "director", "psy", "tutor", "mentor", "mentee"] {
            try await withApp { app, _ in
                ContentConfiguration.global.use(decoder: RecordingFormDecoder(base: URLEncodedFormDecoder()), for: .urlEncodedForm)
                let cookie = try await app.sessionCookie(login)
                for page in try await ReachabilityTests.crawl(app, cookie: cookie) {
                    for form in RenderedForm.all(in: page.html) where !Self.skipped.contains(form.action) {
                        // One check per form shape: the same form on another person's card adds nothing.
                        let shape = (ReachabilityTests.pattern(String(form.action.prefix { $0 != "?" }), app.routes.all) ?? form.action)
                            + " " + form.fields.map(\.name).joined(separator: ",")
                        guard checked.insert(shape).inserted else { continue }
                        let (status, read) = try await Self.submit(app, form, cookie: cookie)
                        guard status != .notFound, status != .forbidden, !read.isEmpty else { continue }
                        let missing = Set(form.fields.map { Self.topLevel($0.name) }).subtracting(read).sorted()
                        if !missing.isEmpty { unread.append("\(login) \(page.path) → POST \(form.action): \(missing)") }
                    }
                }
            }
        }
        #expect(checked.count > 40, "the crawl reached the forms: \(checked.count)")
        #expect(unread == [], "fields a page posts and its handler never reads")
    }
}
