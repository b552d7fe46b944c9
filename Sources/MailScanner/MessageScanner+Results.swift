extension MessageScanner {
    /// Turns a finished leaf into results: a text part (with its links and images) or an attachment.
    mutating func collect(_ leaf: LeafPart) {
        guard let kind = leaf.textKind else {
            self.message.attachments.append(
                ScannedMessage.Attachment(
                    filename: leaf.info.filename,
                    contentType: leaf.info.contentType,
                    size: leaf.size
                )
            )
            return
        }
        if leaf.truncated { self.message.flags.truncated = true }
        let declared = leaf.info.charset.map(CharsetDecoder.normalizedLabel) ?? ""
        var resolved = CharsetDecoder.resolve(declared)
        var charset = declared
        if resolved == .sniff {
            let ascii = leaf.decoded.allSatisfy { $0 < 0x80 }
            if ascii {
                resolved = .utf8
                charset = declared.isEmpty ? "us-ascii" : declared
            } else if CharsetDecoder.isValidUTF8(leaf.decoded) {
                resolved = .utf8
                charset = "utf-8"
            } else {
                resolved = .windows1252
                charset = "windows-1252"
            }
        }
        // Plain text: CRLF and lone CR become LF before conversion (the same bytes in every
        // ASCII-compatible charset; UTF-16/32 are converted first).
        var source: String
        if kind == .plain && !Self.isWideCharset(resolved) {
            source = CharsetDecoder.decode(Self.normalizedNewlines(leaf.decoded), resolved: resolved)
        } else {
            source = CharsetDecoder.decode(leaf.decoded, resolved: resolved)
            if kind == .plain { source = String(decoding: Self.normalizedNewlines(Array(source.utf8)), as: UTF8.self) }
        }
        let remainingLinks = max(0, self.limits.maxLinks - self.message.links.count)
        var part = ScannedMessage.TextPart(
            kind: kind,
            charset: charset,
            contentType: leaf.info.contentType,
            text: "",
            blocks: []
        )
        let firstLink = self.message.links.count
        switch kind {
        case .plain:
            part.text = source
            let found =
                part.text.utf8.withContiguousStorageIfAvailable { buffer in
                    PlainTextLinkFinder.links(in: buffer, max: remainingLinks)
                } ?? []
            self.message.links.append(contentsOf: found)
            part.blocks = BlockLayout.paragraphs(of: part.text, links: found, firstLink: firstLink)
        case .html:
            let result = source.withUTF8 { HTMLTextExtractor.extract($0, maxLinks: remainingLinks) }
            part.text = result.text
            part.hiddenText = result.hiddenText
            self.message.links.append(contentsOf: result.links)
            let firstImage = self.message.images.count
            let remainingImages = max(0, self.limits.maxLinks - firstImage)
            self.message.images.append(contentsOf: result.images.prefix(remainingImages))
            // Block indexes are the extractor's own; rebase them onto the message's lists.
            part.blocks = result.blocks.map { block in
                var block = block
                block.links = block.links.map { firstLink + $0 }
                block.images = block.images.filter { $0 < remainingImages }.map { firstImage + $0 }
                return block
            }
            if !result.hiddenText.isEmpty { self.message.flags.hasHiddenText = true }
        }
        if self.keepsDecodedSource { part.decodedSource = source }
        self.message.textParts.append(part)
    }

    /// CRLF and lone CR as LF.
    static func normalizedNewlines(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(0x0D) else { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var previousCR = false
        for byte in bytes {
            if byte == 0x0D {
                output.append(0x0A)
                previousCR = true
                continue
            }
            if byte == 0x0A && previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            output.append(byte)
        }
        return output
    }

    private static func isWideCharset(_ resolved: CharsetDecoder.Resolved) -> Bool {
        guard case .iconv(let name) = resolved else { return false }
        return name.hasPrefix("UTF-16") || name.hasPrefix("UTF-32") || name.hasPrefix("UCS")
    }

    /// The top-level header fields as ``ScannedMessage`` headers, subject and addresses.
    mutating func collectHeaders(_ fields: [RawHeaderField]) {
        for field in fields.prefix(self.limits.maxHeaders) {
            let name = String(decoding: field.name, as: UTF8.self)
            let raw = CharsetDecoder.sniff(field.value)
            let decoded = EncodedWordDecoder.decode(field.value)
            self.message.headers.append(ScannedMessage.Header(name: name, rawValue: raw, value: decoded))
            if field.isNamed("subject") {
                if self.message.subject == nil { self.message.subject = decoded }
            } else if field.isNamed("from") {
                self.message.from += AddressListParser.parse(field.value)
            } else if field.isNamed("to") {
                self.message.to += AddressListParser.parse(field.value)
            } else if field.isNamed("cc") {
                self.message.cc += AddressListParser.parse(field.value)
            } else if field.isNamed("reply-to") {
                self.message.replyTo += AddressListParser.parse(field.value)
            }
        }
        if fields.count > self.limits.maxHeaders { self.message.flags.limitsReached = true }
    }
}
