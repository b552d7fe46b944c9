import Foundation

/// Messages generated in code for the benchmarks, shaped like real ones.
enum SyntheticMessages {
    /// A marketing campaign: multipart/alternative, a quoted-printable plain part and a quoted-printable
    /// HTML part of table layout, inline styles, a hidden preheader, tracked links and a tracking pixel.
    static func htmlCampaign(targetBytes: Int) -> [UInt8] {
        var html = """
            <!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">\
            <title>Spring sale</title><style type="text/css">body{margin:0;padding:0} .btn{background:#e4002b}\
            @media only screen and (max-width:600px){.col{width:100%!important}}</style></head>\
            <body style="margin:0; padding:0; background-color:#f4f4f4;">\
            <div style="display:none; max-height:0; overflow:hidden;">Up to 50% off everything \u{2014} \
            this weekend only&zwnj;&nbsp;&zwnj;&nbsp;&zwnj;&nbsp;</div>\
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">
            """
        var item = 0
        // Quoted-printable and the plain part add about a fifth: stop the HTML a little short.
        while html.utf8.count < targetBytes * 83 / 100 {
            item += 1
            html += """
                <tr><td class="col" style="padding:20px 30px; font-family: Arial, sans-serif; font-size:16px; \
                line-height:24px; color:#333333;"><h2 style="margin:0 0 10px 0;">Product \(item) &ndash; now \
                &euro;\(item * 3).99</h2><p style="margin:0;">Caf\u{E9}-quality comfort for every day. Save \(item % 50)% \
                when you order before Sunday &amp; get free delivery on orders over &pound;30.</p>\
                <a href="https://click.example-shop.test/ls/click?upn=\(item)abcdef0123456789&amp;utm_source=newsletter\
                &amp;utm_medium=email&amp;utm_campaign=spring" style="display:inline-block; padding:12px 24px; \
                background:#e4002b; color:#ffffff; text-decoration:none;">Shop now</a>\
                <img src="https://cdn.example-shop.test/img/product-\(item).jpg" width="560" height="280" \
                alt="Product \(item)" style="display:block; border:0;"></td></tr>

                """
        }
        html += """
            </table><p style="font-size:12px; color:#999999;">You are receiving this because you signed up. \
            <a href="https://example-shop.test/unsubscribe?u=abc&amp;id=123">Unsubscribe</a> | \
            <a href="https://example-shop.test/preferences">Update preferences</a></p>\
            <img src="https://open.example-shop.test/o.gif?u=abc" width="1" height="1" alt="" border="0">\
            </body></html>
            """
        let plain =
            "Spring sale: up to 50% off everything this weekend only.\n"
            + String(
                repeating: "Product offers at https://example-shop.test/p?id=42&utm_source=newsletter\n",
                count: 40
            )
            + "Unsubscribe: https://example-shop.test/unsubscribe?u=abc\n"
        var message = """
            Return-Path: <bounce@mail.example-shop.test>\r
            From: "Example Shop" <news@example-shop.test>\r
            To: customer@example.test\r
            Subject: =?UTF-8?Q?Spring_sale_=E2=80=94_up_to_50=25_off?=\r
            Date: Mon, 1 Apr 2024 09:00:00 +0000\r
            Message-ID: <campaign-1@example-shop.test>\r
            List-Unsubscribe: <https://example-shop.test/unsubscribe?u=abc>, <mailto:unsub@example-shop.test>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/alternative; boundary="=_campaign_boundary_01"\r
            \r
            --=_campaign_boundary_01\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: quoted-printable\r
            \r

            """
        message += quotedPrintable(plain)
        message += "\r\n--=_campaign_boundary_01\r\nContent-Type: text/html; charset=utf-8\r\n"
        message += "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        message += quotedPrintable(html)
        message += "\r\n--=_campaign_boundary_01--\r\n"
        return Array(message.utf8)
    }

    /// A short letter with several base64 attachments (PDF- and image-like bytes) up to `targetBytes`.
    static func withBase64Attachments(targetBytes: Int) -> [UInt8] {
        var message = """
            From: Alice <alice@example.test>\r
            To: Bob <bob@example.test>\r
            Subject: The documents\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="mixed-boundary"\r
            \r
            --mixed-boundary\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            Hi Bob, the documents are attached. See https://example.test/docs for the rest.\r

            """
        var generator = SystemRandomNumberGenerator()
        var index = 0
        while message.utf8.count < targetBytes {
            index += 1
            let size = min(400 * 1024, (targetBytes - message.utf8.count) * 3 / 4)
            var bytes = [UInt8](repeating: 0, count: max(size, 16))
            for position in bytes.indices { bytes[position] = UInt8.random(in: 0...255, using: &generator) }
            let encoded = Data(bytes).base64EncodedString(options: [
                .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
            ])
            message += "--mixed-boundary\r\nContent-Type: application/pdf; name=\"document-\(index).pdf\"\r\n"
            message += "Content-Disposition: attachment; filename=\"document-\(index).pdf\"\r\n"
            message += "Content-Transfer-Encoding: base64\r\n\r\n\(encoded)\r\n"
        }
        message += "--mixed-boundary--\r\n"
        return Array(message.utf8)
    }

    /// Every message of ../shared/corpus/messages (relative to the repository), or none.
    static func sharedCorpus() -> [[UInt8]] {
        let here = URL(fileURLWithPath: #filePath)
        let repository = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let directory = repository.deletingLastPathComponent().appendingPathComponent("shared/corpus/messages")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return names.filter { $0.hasSuffix(".eml") }.sorted().compactMap { name in
            FileManager.default.contents(atPath: directory.appendingPathComponent(name).path).map { [UInt8]($0) }
        }
    }

    /// Header fields (unfolded) and body of a raw message, for the milter path.
    static func splitHeaders(_ raw: [UInt8]) -> (headers: [(String, String)], body: [UInt8]) {
        let text = String(decoding: raw, as: UTF8.self)
        guard let range = text.range(of: "\r\n\r\n") else { return ([], raw) }
        var headers: [(String, String)] = []
        for line in text[..<range.lowerBound].components(separatedBy: "\r\n") {
            if line.first == " " || line.first == "\t", let last = headers.popLast() {
                headers.append((last.0, last.1 + "\r\n" + line))
            } else if let colon = line.firstIndex(of: ":") {
                headers.append(
                    (
                        String(line[..<colon]),
                        String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                    )
                )
            }
        }
        return (headers, Array(text[range.upperBound...].utf8))
    }

    /// Quoted-printable with CRLF line ends and soft breaks at 76 columns.
    static func quotedPrintable(_ text: String) -> String {
        var output: [UInt8] = []
        var column = 0
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            if byte == 0x0A {
                output.append(contentsOf: [0x0D, 0x0A])
                column = 0
                continue
            }
            var encoded: [UInt8]
            if (byte >= 33 && byte <= 126 && byte != 61) || byte == 32 {
                encoded = [byte]
            } else {
                encoded = [61, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
            if column + encoded.count > 75 {
                output.append(contentsOf: [61, 0x0D, 0x0A])
                column = 0
            }
            output.append(contentsOf: encoded)
            column += encoded.count
        }
        return String(decoding: output, as: UTF8.self)
    }
}
