import Yams

/// Turns a composed YAML node tree into a ``RuleFile``, keeping line numbers for every error.
struct RuleFileReader {
    let file: String
    private var ruleID: String?

    init(file: String) {
        self.file = file
    }

    private static let topKeys: Set<String> = [
        "version", "threshold", "category_header", "extends", "disable", "groups", "rules",
    ]
    private static let ruleKeys: Set<String> = [
        "id", "description", "score", "max_hits", "group", "kind", "case_sensitive",
        "name", "name_pattern", "pattern", "field", "scope", "host", "path", "parameter", "value", "text", "url",
        "tracking_pixel", "remote", "src", "alt", "feature", "min", "promotes",
    ]

    mutating func read(_ root: Node) throws(RuleFileError) -> RuleFile {
        let top = try self.mapping(root, what: "the top level")
        try self.rejectUnknownKeys(top, allowed: Self.topKeys)
        if let version = top["version"], version.int != 1 {
            throw self.error(version, "unsupported version (this build reads version 1)")
        }
        var file = RuleFile(
            name: self.file,
            threshold: try top["threshold"].map { node throws(RuleFileError) in try self.double(node) },
            categoryHeader: try top["category_header"].map { node throws(RuleFileError) in try self.string(node) },
            extendsBuiltin: false,
            disabled: [],
            groups: [],
            rules: []
        )
        if let extends = top["extends"] {
            guard try self.string(extends) == "builtin" else {
                throw self.error(extends, "'extends' accepts only 'builtin'")
            }
            file.extendsBuiltin = true
        }
        if let disable = top["disable"] {
            file.disabled = try self.sequence(disable).map { node throws(RuleFileError) in try self.string(node) }
        }
        if let groups = top["groups"] {
            for (key, value) in try self.mapping(groups, what: "'groups'") {
                let name = try self.string(key)
                let body = try self.mapping(value, what: "group '\(name)'")
                try self.rejectUnknownKeys(body, allowed: ["max", "min"])
                file.groups.append(
                    RuleGroup(
                        name: name,
                        max: try body["max"].map { node throws(RuleFileError) in try self.double(node) },
                        min: try body["min"].map { node throws(RuleFileError) in try self.double(node) }
                    )
                )
            }
        }
        guard let rules = top["rules"] else {
            throw self.error(root, "missing 'rules'")
        }
        for node in try self.sequence(rules) {
            file.rules.append(try self.rule(node))
            self.ruleID = nil
        }
        return file
    }

    private mutating func rule(_ node: Node) throws(RuleFileError) -> Rule {
        let body = try self.mapping(node, what: "a rule")
        guard let idNode = body["id"] else {
            throw self.error(node, "rule without 'id'")
        }
        let id = try self.string(idNode)
        self.ruleID = id
        guard id.utf8.allSatisfy({ $0 == 0x2D || $0 == 0x2E || $0 == 0x5F || Self.isAlnum($0) }), !id.isEmpty else {
            throw self.error(idNode, "an id uses letters, digits, '-', '_' and '.' only")
        }
        try self.rejectUnknownKeys(body, allowed: Self.ruleKeys)
        guard let description = body["description"] else {
            throw self.error(node, "missing 'description'")
        }
        guard let score = body["score"] else {
            throw self.error(node, "missing 'score'")
        }
        guard let kind = body["kind"] else {
            throw self.error(node, "missing 'kind'")
        }
        let maxHits = try body["max_hits"].map { node throws(RuleFileError) in try self.int(node) } ?? 1
        guard maxHits >= 1 else {
            throw self.error(body["max_hits"] ?? node, "'max_hits' must be at least 1")
        }
        return Rule(
            id: id,
            description: try self.string(description),
            score: try self.double(score),
            maxHits: maxHits,
            group: try body["group"].map { node throws(RuleFileError) in try self.string(node) },
            condition: try self.condition(kind: kind, body: body, node: node),
            promotes: try body["promotes"].map { node throws(RuleFileError) in try self.bool(node) },
            line: node.mark?.line ?? 0
        )
    }

    private func condition(kind: Node, body: Node.Mapping, node: Node) throws(RuleFileError) -> RuleCondition {
        let caseSensitive =
            try body["case_sensitive"].map { node throws(RuleFileError) in try self.bool(node) } ?? false
        func pattern(_ key: String) throws(RuleFileError) -> Pattern? {
            guard let value = body[key] else { return nil }
            let source = try self.string(value)
            let compiled: Pattern
            do {
                compiled = try Pattern(source, caseSensitive: caseSensitive)
            } catch {
                throw self.error(value, "'\(key)' is not a valid PCRE2 pattern: \(error)")
            }
            // After compiling: PCRE2 has bounded the nesting the lint recurses into.
            if let scalar = BoundaryLint.nonASCIIBeside(in: source) {
                throw self.error(
                    value,
                    "'\(key)' has \\b beside '\(scalar)': \\b knows only ASCII letters, digits and _, so it never "
                        + "matches between '\(scalar)' and a space or punctuation; drop that \\b"
                )
            }
            return compiled
        }
        func required(_ key: String) throws(RuleFileError) -> Pattern {
            guard let value = try pattern(key) else {
                throw self.error(node, "kind '\(kind.string ?? "")' needs '\(key)'")
            }
            return value
        }
        switch try self.string(kind) {
        case "header":
            let name: HeaderName
            if let exact = body["name"] {
                name = .exact(try self.string(exact))
            } else if let matching = try pattern("name_pattern") {
                name = .matching(matching)
            } else {
                throw self.error(node, "kind 'header' needs 'name' or 'name_pattern'")
            }
            return .header(name, value: try pattern("pattern"))
        case "sender":
            guard let fieldNode = body["field"] else {
                throw self.error(node, "kind 'sender' needs 'field'")
            }
            let fieldName = try self.string(fieldNode)
            guard let field = SenderField(rawValue: fieldName) else {
                let known = SenderField.allCases.map(\.rawValue).joined(separator: ", ")
                throw self.error(fieldNode, "unknown field '\(fieldName)' (one of \(known))")
            }
            return .sender(field: field, pattern: try required("pattern"))
        case "subject":
            return .subject(try required("pattern"))
        case "text":
            var scope = TextScope.visible
            if let scopeNode = body["scope"] {
                let scopeName = try self.string(scopeNode)
                guard let value = TextScope(rawValue: scopeName) else {
                    throw self.error(scopeNode, "unknown scope '\(scopeName)' (visible, hidden, all)")
                }
                scope = value
            }
            return .text(try required("pattern"), scope: scope)
        case "link":
            let match = LinkMatch(
                host: try pattern("host"),
                path: try pattern("path"),
                parameter: try pattern("parameter"),
                value: try pattern("value"),
                text: try pattern("text"),
                url: try pattern("url")
            )
            guard
                [match.host, match.path, match.parameter, match.value, match.text, match.url].contains(where: {
                    $0 != nil
                })
            else {
                throw self.error(node, "kind 'link' needs at least one of host, path, parameter, value, text, url")
            }
            return .link(match)
        case "image":
            return .image(
                ImageMatch(
                    trackingPixel: try body["tracking_pixel"].map { node throws(RuleFileError) in try self.bool(node) }
                        ?? false,
                    remote: try body["remote"].map { node throws(RuleFileError) in try self.bool(node) } ?? false,
                    host: try pattern("host"),
                    src: try pattern("src"),
                    alt: try pattern("alt")
                )
            )
        case "structure":
            guard let featureNode = body["feature"] else {
                throw self.error(node, "kind 'structure' needs 'feature'")
            }
            let featureName = try self.string(featureNode)
            guard let feature = StructureFeature(rawValue: featureName) else {
                let known = StructureFeature.allCases.map(\.rawValue).joined(separator: ", ")
                throw self.error(featureNode, "unknown feature '\(featureName)' (one of \(known))")
            }
            let minimum = try body["min"].map { node throws(RuleFileError) in try self.int(node) } ?? 1
            return .structure(feature, atLeast: minimum)
        case "category":
            return .category(try required("pattern"))
        case let other:
            throw self.error(
                kind,
                "unknown kind '\(other)' (header, sender, subject, text, link, image, structure, category)"
            )
        }
    }

    // MARK: - Node helpers that report file, line and rule id

    private func error(_ node: Node, _ message: String) -> RuleFileError {
        RuleFileError(file: self.file, line: node.mark?.line ?? 0, ruleID: self.ruleID, message: message)
    }

    private func mapping(_ node: Node, what: String) throws(RuleFileError) -> Node.Mapping {
        guard let mapping = node.mapping else {
            throw self.error(node, "\(what) must be a mapping")
        }
        return mapping
    }

    private func sequence(_ node: Node) throws(RuleFileError) -> [Node] {
        guard let sequence = node.sequence else {
            throw self.error(node, "expected a list")
        }
        return Array(sequence)
    }

    private func string(_ node: Node) throws(RuleFileError) -> String {
        guard case .scalar(let scalar) = node else {
            throw self.error(node, "expected a string")
        }
        return scalar.string
    }

    private func double(_ node: Node) throws(RuleFileError) -> Double {
        guard case .scalar = node, let value = node.float ?? node.int.map(Double.init), value.isFinite else {
            throw self.error(node, "expected a number")
        }
        return value
    }

    private func int(_ node: Node) throws(RuleFileError) -> Int {
        guard case .scalar = node, let value = node.int else {
            throw self.error(node, "expected an integer")
        }
        return value
    }

    private func bool(_ node: Node) throws(RuleFileError) -> Bool {
        guard case .scalar = node, let value = node.bool else {
            throw self.error(node, "expected true or false")
        }
        return value
    }

    private func rejectUnknownKeys(_ mapping: Node.Mapping, allowed: Set<String>) throws(RuleFileError) {
        for key in mapping.keys {
            let name = key.string ?? ""
            if !allowed.contains(name) {
                throw self.error(key, "unknown key '\(name)'")
            }
        }
    }

    private static func isAlnum(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }
}
