import MailCorpus
import Testing

/// Reading messages from disk: mbox splitting, Maildir, directories, single files.
@Suite struct MessageFilesTests {
    private func text(_ entry: MessageFiles.Entry) -> String {
        String(decoding: entry.bytes, as: UTF8.self)
    }

    @Test func mboxSplitsOnFromLinesAndDropsThem() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "archive.mbox",
            """
            From alice@example.com Mon Jan  1 00:00:00 2024
            Subject: one

            first body
            From bob@example.com Tue Jan  2 00:00:00 2024
            Subject: two

            second body

            """
        )
        let entries = try MessageFiles.messages(in: path)
        #expect(entries.map(\.name) == ["\(path)#1", "\(path)#2"])
        #expect(self.text(entries[0]) == "Subject: one\n\nfirst body\n")
        #expect(self.text(entries[1]) == "Subject: two\n\nsecond body\n")
    }

    @Test func mboxrdQuotingLosesOneAngleBracket() {
        let mbox = Array(
            "From x\nSubject: q\n\n>From the start\n>>From deeper\n> From not quoted\nFrom: header-like\n".utf8
        )
        let messages = MessageFiles.splitMbox(mbox).map { String(decoding: $0, as: UTF8.self) }
        // Only "From " with a space separates messages: a "From:" header line does not.
        #expect(messages == ["Subject: q\n\nFrom the start\n>From deeper\n> From not quoted\nFrom: header-like\n"])
    }

    @Test func fromInsideALineIsNoSeparatorAndCRLFIsKept() {
        let mbox = Array("From a\r\nSubject: x\r\n\r\nsent From home\r\nFrom b\r\nSubject: y\r\n".utf8)
        let messages = MessageFiles.splitMbox(mbox).map { String(decoding: $0, as: UTF8.self) }
        #expect(messages == ["Subject: x\r\n\r\nsent From home\r\n", "Subject: y\r\n"])
    }

    @Test func aFileNotStartingWithFromIsOneMessage() throws {
        let directory = try TemporaryDirectory()
        let body = "Subject: hello\n\nFrom here on, one message.\nFrom x\n"
        let path = try directory.write("message.eml", body)
        let entries = try MessageFiles.entries(under: [path])
        #expect(entries == [MessageFiles.Entry(name: path, bytes: Array(body.utf8))])
    }

    /// Writes a small file at each of `layout` (relative paths), then lists the files under
    /// `start` as `MessageFiles` finds them, relative to `start` so expectations stay short.
    private func listing(_ layout: [String], under start: String = "") throws -> [String] {
        let directory = try TemporaryDirectory()
        for file in layout {
            try directory.write(file, "Subject: \(file)\n\n")
        }
        let root = start.isEmpty ? directory.path : "\(directory.path)/\(start)"
        return try MessageFiles.files(under: root).map { String($0.dropFirst(root.count + 1)) }
    }

    @Test func maildirReadsCurThenNewButNeverTmp() throws {
        let files = try self.listing(["box/cur/2:2,S", "box/cur/1:2,S", "box/new/3", "box/tmp/4"], under: "box")
        #expect(files == ["cur/1:2,S", "cur/2:2,S", "new/3"])
    }

    @Test func directoriesAreReadRecursivelySkippingHiddenFilesAndDirectories() throws {
        let files = try self.listing(["b.eml", "a/nested/c.eml", ".hidden.eml", ".git/objects/x", "a/.DS_Store"])
        #expect(files == ["a/nested/c.eml", "b.eml"])
    }

    @Test func aDirectoryMissingTmpIsNoMaildir() throws {
        let files = try self.listing(["box/cur/1", "box/new/2", "box/notes.eml"], under: "box")
        #expect(files == ["cur/1", "new/2", "notes.eml"])
    }

    @Test func entriesKeepPathOrderAndExpandMboxes() throws {
        let directory = try TemporaryDirectory()
        let single = try directory.write("z.eml", "Subject: z\n\n")
        let mbox = try directory.write("a.mbox", "From a\nSubject: 1\n\nFrom b\nSubject: 2\n\n")
        let names = try MessageFiles.entries(under: [single, mbox]).map(\.name)
        #expect(names == [single, "\(mbox)#1", "\(mbox)#2"])
    }

    @Test func aMissingPathNamesThePath() throws {
        let directory = try TemporaryDirectory()
        let missing = "\(directory.path)/nowhere.eml"
        #expect(throws: MessageFilesError(path: missing, reason: "no such file or directory")) {
            try MessageFiles.entries(under: [missing])
        }
    }
}
