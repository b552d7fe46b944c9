import MailScanner

/// Evaluates rules against one message on one thread; holds that thread's PCRE2 match data.
struct RuleEvaluator {
    let message: ScannedMessage
    let envelope: Envelope
    let declaredCategory: String?
    private let scratch = MatchScratch()
    /// Every decoded text in document order: each part's visible text, its hidden text, and the alt
    /// text of its images (one line per block), which counts as visible text.
    private let texts: [TextEntry]
    /// One prefilter index per entry of `texts`, when a prefilter is used.
    private let indexes: [TextPrefilter.Index]
    /// Every visible block of every text part, in document order.
    let blocks: [BlockReference]
    /// The block each link and image is in (-1: none, e.g. plain-text links outside any block).
    private let linkBlocks: [Int]
    private let imageBlocks: [Int]
    /// Matches looked for per promoting rule, to place each one in its block (a message-level hit
    /// counts at most `max_hits`). Only where matching is cheap: a text rule the prefilter anchors is
    /// tried at a few word offsets, so looking past `max_hits` costs little; a rule that must search
    /// the whole text, or every link of a 200-link campaign, stops at `max_hits` as before, and only
    /// its first occurrences are placed in blocks.
    static let blockMatchLimit = 8

    private struct TextEntry {
        var hidden: Bool
        var text: String
        /// Offsets where blocks start in `text`, ascending, and the block each one is.
        var blockStarts: [Int] = []
        var blockIDs: [Int] = []

        func block(at offset: Int) -> Int? {
            guard let first = self.blockStarts.first, offset >= first else { return nil }
            var low = 0
            var high = self.blockStarts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if self.blockStarts[middle] <= offset { low = middle } else { high = middle - 1 }
            }
            return self.blockIDs[low]
        }
    }

    init(message: ScannedMessage, envelope: Envelope, categoryHeader: String, prefilter: TextPrefilter?) {
        self.message = message
        self.envelope = envelope
        self.declaredCategory = message.header(categoryHeader).map {
            $0.value.trimmingASCIISpaces().lowercased()
        }
        var texts: [TextEntry] = []
        var blocks: [BlockReference] = []
        var linkBlocks = [Int](repeating: -1, count: message.links.count)
        var imageBlocks = [Int](repeating: -1, count: message.images.count)
        for (partIndex, part) in message.textParts.enumerated() {
            var visible = TextEntry(hidden: false, text: part.text)
            var alt = TextEntry(hidden: false, text: "")
            for (blockIndex, block) in part.blocks.enumerated() {
                let id = blocks.count
                blocks.append(BlockReference(part: partIndex, index: blockIndex, block: block))
                visible.blockStarts.append(block.offset)
                visible.blockIDs.append(id)
                if !block.altText.isEmpty {
                    alt.blockStarts.append(alt.text.utf8.count)
                    alt.blockIDs.append(id)
                    alt.text += block.altText + "\n"
                }
                for link in block.links where link < linkBlocks.count { linkBlocks[link] = id }
                for image in block.images where image < imageBlocks.count { imageBlocks[image] = id }
            }
            if !part.text.isEmpty { texts.append(visible) }
            if !part.hiddenText.isEmpty { texts.append(TextEntry(hidden: true, text: part.hiddenText)) }
            if !alt.text.isEmpty { texts.append(alt) }
        }
        self.texts = texts
        self.blocks = blocks
        self.linkBlocks = linkBlocks
        self.imageBlocks = imageBlocks
        self.indexes =
            prefilter.map { prefilter in
                texts.map { entry in
                    var text = entry.text
                    return text.withUTF8 { prefilter.index($0) }
                }
            } ?? []
    }

    /// What `rule` found, or nil when it does not fire.
    mutating func evaluate(_ rule: Rule, mode: TextPrefilter.Mode) -> RuleOutcome? {
        var limit = rule.maxHits
        if rule.promotes, case .text = rule.condition, case .anchored = mode {
            limit = max(limit, Self.blockMatchLimit)
        }
        guard let found = self.occurrences(of: rule.condition, limit: limit, mode: mode), !found.isEmpty else {
            return nil
        }
        let count = min(found.count, rule.maxHits)
        let hit = Verdict.Hit(
            ruleID: rule.id,
            description: rule.description,
            score: rule.score * Double(count),
            count: count,
            group: rule.group,
            evidence: found[0].evidence()
        )
        guard rule.promotes else { return RuleOutcome(hit: hit, blocks: []) }
        var perBlock: [RuleOutcome.BlockHit] = []
        for occurrence in found {
            guard let block = occurrence.block else { continue }
            if let last = perBlock.indices.first(where: { perBlock[$0].block == block }) {
                perBlock[last].count = min(perBlock[last].count + 1, rule.maxHits)
            } else {
                perBlock.append(RuleOutcome.BlockHit(block: block, count: 1, evidence: occurrence.evidence()))
            }
        }
        return RuleOutcome(hit: hit, blocks: perBlock)
    }

    /// One occurrence: the block it is in, and its evidence (built only when asked for).
    struct Occurrence {
        var block: Int?
        var evidence: () -> String
    }

    private mutating func occurrences(
        of condition: RuleCondition,
        limit: Int,
        mode: TextPrefilter.Mode
    ) -> [Occurrence]? {
        func single(_ hit: (count: Int, evidence: String)?) -> [Occurrence]? {
            hit.map { hit in [Occurrence(block: nil, evidence: { hit.evidence })] }
        }
        switch condition {
        case .header(let name, let value):
            return single(self.headerHit(name: name, value: value))
        case .sender(let field, let pattern):
            for candidate in self.senderValues(field) where pattern.matches(candidate, scratch: self.scratch) {
                return single((1, Excerpt.clip(candidate)))
            }
            return nil
        case .subject(let pattern):
            guard let subject = self.message.subject ?? self.message.header("Subject")?.value else { return nil }
            guard let range = pattern.firstMatch(in: subject, scratch: self.scratch) else { return nil }
            return single((1, Excerpt.around(range, in: subject)))
        case .text(let pattern, let scope):
            return self.textHits(pattern, scope: scope, limit: limit, mode: self.indexes.isEmpty ? .always : mode)
        case .link(let match):
            return self.linkHits(match, limit: limit)
        case .image(let match):
            return self.imageHits(match, limit: limit)
        case .structure(let feature, let minimum):
            return single(self.structureHit(feature, minimum: minimum))
        case .category(let pattern):
            guard let category = self.declaredCategory, pattern.matches(category, scratch: self.scratch) else {
                return nil
            }
            return single((1, category))
        }
    }

    private func headerHit(name: HeaderName, value: Pattern?) -> (count: Int, evidence: String)? {
        for header in self.message.headers {
            switch name {
            case .exact(let exact):
                guard header.name.equalsIgnoringASCIICase(exact) else { continue }
            case .matching(let pattern):
                guard pattern.matches(header.name, scratch: self.scratch) else { continue }
            }
            guard let value else {
                return (1, Excerpt.clip("\(header.name): \(header.value)"))
            }
            if let range = value.firstMatch(in: header.value, scratch: self.scratch) {
                return (1, "\(header.name): " + Excerpt.around(range, in: header.value))
            }
        }
        return nil
    }

    private func senderValues(_ field: SenderField) -> [String] {
        switch field {
        case .envelopeFrom:
            return self.envelope.mailFrom.map { [$0] } ?? []
        case .envelopeDomain:
            guard let from = self.envelope.mailFrom, let at = from.lastIndex(of: "@") else { return [] }
            return [String(from[from.index(after: at)...]).lowercased()]
        case .fromAddress:
            return self.message.from.map(\.address)
        case .fromDomain:
            return self.message.from.map(\.domain)
        case .fromName:
            return self.message.from.compactMap(\.displayName)
        case .replyTo:
            return self.message.replyTo.map(\.address)
        case .authenticatedUser:
            return self.envelope.authenticatedUser.map { [$0] } ?? []
        }
    }

    private func textHits(
        _ pattern: Pattern,
        scope: TextScope,
        limit: Int,
        mode: TextPrefilter.Mode
    ) -> [Occurrence]? {
        var found: [Occurrence] = []
        for (position, entry) in self.texts.enumerated() where found.count < limit {
            guard scope == .all || (scope == .hidden) == entry.hidden else { continue }
            var text = entry.text
            text.withUTF8 { buffer in
                func record(_ range: Range<Int>) {
                    let text = entry.text
                    found.append(
                        Occurrence(
                            block: entry.block(at: range.lowerBound),
                            evidence: { Excerpt.around(range, in: text) }
                        )
                    )
                }
                switch mode {
                case .anchored(let slot):
                    // Every match starts at one of these word offsets; matches do not overlap.
                    var allowed = 0
                    for offset in self.indexes[position].offsets(anchored: slot) where offset >= allowed {
                        guard found.count < limit else { break }
                        if let range = pattern.match(in: buffer, at: offset, scratch: self.scratch) {
                            record(range)
                            allowed = range.isEmpty ? range.upperBound + 1 : range.upperBound
                        }
                    }
                case .skippable(let slot) where !self.indexes[position].contains(skippable: slot):
                    return
                case .skippable, .always:
                    var start = 0
                    while found.count < limit,
                        let range = pattern.firstMatch(in: buffer, from: start, scratch: self.scratch)
                    {
                        record(range)
                        // An empty match must still advance, or the loop would never end.
                        start = range.isEmpty ? range.upperBound + 1 : range.upperBound
                        if start > buffer.count { break }
                    }
                }
            }
        }
        return found.isEmpty ? nil : found
    }

    private mutating func linkHits(_ match: LinkMatch, limit: Int) -> [Occurrence]? {
        var found: [Occurrence] = []
        let linkBlocks = self.linkBlocks
        func record(_ index: Int, _ link: ScannedMessage.Link) {
            let block = index < linkBlocks.count && linkBlocks[index] >= 0 ? linkBlocks[index] : nil
            found.append(
                Occurrence(
                    block: block,
                    evidence: { Excerpt.clip(link.text.isEmpty ? link.url : "\(link.text) <\(link.url)>") }
                )
            )
        }
        if let url = match.url, !url.readsContext, match.host == nil, match.path == nil, match.text == nil,
            match.parameter == nil,
            match.value == nil
        {
            self.urlOnlyHits(url, limit: limit, record)
            return found.isEmpty ? nil : found
        }
        var names = AnswerCache()
        var values = AnswerCache()
        for (index, link) in self.message.links.enumerated()
        where found.count < limit && self.linkMatches(link, match, &names, &values) {
            record(index, link)
        }
        return found.isEmpty ? nil : found
    }

    /// Every URL of the message, one per line, and where each starts: built on first use.
    private var joinedURLs: (bytes: [UInt8], starts: [Int])?

    /// A `url`-only rule scans all URLs at once instead of calling PCRE2 once per link. A match
    /// found in the joined text is confirmed on its own link (so a match spanning two URLs counts
    /// for nothing), then the scan resumes at the next link: the links that match, and their
    /// order, are exactly those of the per-link loop.
    private mutating func urlOnlyHits(_ pattern: Pattern, limit: Int, _ record: (Int, ScannedMessage.Link) -> Void) {
        if self.joinedURLs == nil {
            var bytes: [UInt8] = []
            var starts: [Int] = []
            for link in self.message.links {
                starts.append(bytes.count)
                bytes += link.url.utf8
                bytes.append(0x0A)
            }
            self.joinedURLs = (bytes, starts)
        }
        guard let (bytes, starts) = self.joinedURLs else { return }
        let links = self.message.links
        var count = 0
        var position = 0
        bytes.withUnsafeBufferPointer { buffer in
            while count < limit, let range = pattern.firstMatch(in: buffer, from: position, scratch: self.scratch) {
                // The link whose URL holds the match start (last start <= lowerBound).
                var low = 0
                var high = starts.count - 1
                while low < high {
                    let middle = (low + high + 1) / 2
                    if starts[middle] <= range.lowerBound { low = middle } else { high = middle - 1 }
                }
                if pattern.matches(links[low].url, scratch: self.scratch) {
                    record(low, links[low])
                    count += 1
                }
                guard low + 1 < starts.count else { break }
                position = starts[low + 1]
            }
        }
    }

    /// Whether `pattern` (nil: any) matches a parameter name or value; a message repeats the same
    /// few (`utm_source`, `utm_campaign=spring`...) on every link, so answers are remembered per rule.
    private func parameterMatches(_ pattern: Pattern?, _ name: String, _ names: inout AnswerCache) -> Bool {
        guard let pattern else { return true }
        if let known = names.answer(for: name) { return known }
        let result = pattern.matches(name, scratch: self.scratch)
        names.remember(name, result)
        return result
    }

    private func linkMatches(
        _ link: ScannedMessage.Link,
        _ match: LinkMatch,
        _ names: inout AnswerCache,
        _ values: inout AnswerCache
    ) -> Bool {
        if let host = match.host, !host.matches(link.host, scratch: self.scratch) { return false }
        if let path = match.path, !path.matches(link.path, scratch: self.scratch) { return false }
        if let text = match.text, !text.matches(link.text, scratch: self.scratch) { return false }
        if let url = match.url, !url.matches(link.url, scratch: self.scratch) { return false }
        if match.parameter != nil || match.value != nil {
            let found = link.query.contains { item in
                self.parameterMatches(match.parameter, item.name, &names)
                    && self.parameterMatches(match.value, item.value, &values)
            }
            if !found { return false }
        }
        return true
    }

    private func imageHits(_ match: ImageMatch, limit: Int) -> [Occurrence]? {
        var found: [Occurrence] = []
        for (index, image) in self.message.images.enumerated() where found.count < limit {
            if match.trackingPixel && !image.isTrackingPixel { continue }
            if match.remote && !Self.isRemote(image.src) { continue }
            if let host = match.host, !host.matches(image.host, scratch: self.scratch) { continue }
            if let src = match.src, !src.matches(image.src, scratch: self.scratch) { continue }
            if let alt = match.alt, !alt.matches(image.alt, scratch: self.scratch) { continue }
            let block = index < self.imageBlocks.count && self.imageBlocks[index] >= 0 ? self.imageBlocks[index] : nil
            found.append(
                Occurrence(
                    block: block,
                    evidence: {
                        let size = image.width.map { w in image.height.map { "\(w)x\($0) " } ?? "" } ?? ""
                        return Excerpt.clip(size + image.src)
                    }
                )
            )
        }
        return found.isEmpty ? nil : found
    }

    private static func hasReplyPrefix(_ subject: String) -> Bool {
        let lower = subject.trimmingASCIISpaces().lowercased()
        return ["re:", "re :", "aw:", "sv:", "antw:"].contains { lower.hasPrefix($0) }
    }

    private static func isRemote(_ src: String) -> Bool {
        let lower = src.prefix(8).lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("//")
    }

    private func structureHit(_ feature: StructureFeature, minimum: Int) -> (count: Int, evidence: String)? {
        func header(_ name: String) -> (count: Int, evidence: String)? {
            self.message.header(name).map { (1, Excerpt.clip("\(name): \($0.value)")) }
        }
        switch feature {
        case .htmlOnly:
            return self.message.flags.htmlOnly ? (1, "HTML without a plain-text part") : nil
        case .listUnsubscribe:
            return header("List-Unsubscribe")
        case .listUnsubscribePost:
            return header("List-Unsubscribe-Post")
        case .feedbackID:
            return header("Feedback-ID")
        case .listID:
            return header("List-Id")
        case .precedenceBulk:
            guard let value = self.message.header("Precedence")?.value.trimmingASCIISpaces().lowercased(),
                value == "bulk" || value == "list"
            else { return nil }
            return (1, "Precedence: \(value)")
        case .reply:
            return header("In-Reply-To") ?? header("References")
        case .announcementList:
            let listHeader = ["List-Unsubscribe", "List-Id"].first { self.message.header($0) != nil }
            let precedence = self.structureHit(.precedenceBulk, minimum: 1) != nil
            let post = self.message.header("List-Post")?.value.trimmingASCIISpaces().uppercased()
            guard listHeader != nil || precedence, post == nil || post == "NO",
                self.structureHit(.reply, minimum: 1) == nil
            else { return nil }
            return (1, "\(listHeader ?? "Precedence") without List-Post")
        case .fakeReply:
            guard self.message.header("In-Reply-To") == nil, self.message.header("References") == nil,
                let subject = self.message.subject ?? self.message.header("Subject")?.value,
                Self.hasReplyPrefix(subject)
            else { return nil }
            return (1, Excerpt.clip(subject))
        case .autoSubmitted:
            guard let value = self.message.header("Auto-Submitted")?.value.trimmingASCIISpaces().lowercased(),
                value != "no"
            else { return nil }
            return (1, "Auto-Submitted: \(value)")
        case .linkCount:
            let count = self.message.links.count
            return count >= minimum ? (1, "\(count) links") : nil
        case .remoteImageCount:
            let count = self.message.images.filter { Self.isRemote($0.src) }.count
            return count >= minimum ? (1, "\(count) remote images") : nil
        case .hiddenText:
            return self.message.flags.hasHiddenText ? (1, "hidden HTML text") : nil
        case .attachments:
            let count = self.message.attachments.count
            return count >= minimum ? (1, "\(count) attachments") : nil
        }
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces, tabs and line breaks (no Foundation).
    func trimmingASCIISpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = self.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = self.lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
