import Foundation
import Policy
import Testing

@Suite struct AuditRecordJSONLineTests {
    static func record(messageID: String?, sender: String) -> AuditRecord {
        var input = Row.input(9.5, [Row.suppressed("a@x.example"), Row.clean("b@x.example")], declared: "Service")
        input.messageID = messageID
        input.sender = sender
        input.queueID = nil
        return try! #require(Policy().decide(input).audit)
    }

    @Test(arguments: [
        ("<m1@shop.example>", "news@shop.example"),
        (nil, ""),
        ("<quote\"back\\slash\u{1}tab\t@x>", "caf\u{E9}+\u{1F600}@b\u{FC}cher.example\n"),
    ])
    func theLineDecodesToTheSameRecordAsJSONEncoderWrites(messageID: String?, sender: String) throws {
        let record = Self.record(messageID: messageID, sender: sender)
        let line = record.jsonLine
        #expect(!line.contains("\n"))
        let decoded = try JSONDecoder().decode(AuditRecord.self, from: Data(line.utf8))
        #expect(decoded == record)
        let viaEncoder = try JSONSerialization.jsonObject(with: JSONEncoder().encode(record)) as? NSDictionary
        let viaLine = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? NSDictionary
        #expect(viaLine == viaEncoder)
        #expect(line.hasPrefix("{\"action\":\"quarantine\",\"declared_category\":\"service\""))
    }
}
