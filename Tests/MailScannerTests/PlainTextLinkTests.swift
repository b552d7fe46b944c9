import Testing

@testable import MailScanner

@Suite struct PlainTextLinkTests {
    static func urls(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { PlainTextLinkFinder.links(in: $0, max: 100) }.map(\.url)
    }

    @Test(arguments: [
        ("see https://a.example/x.", ["https://a.example/x"]),
        ("(https://a.example/x)", ["https://a.example/x"]),
        ("https://en.example/wiki/A_(b)", ["https://en.example/wiki/A_(b)"]),
        ("<http://a.example/?q=1&r=2>", ["http://a.example/?q=1&r=2"]),
        ("visit www.shop.example/sale, now", ["www.shop.example/sale"]),
        ("HTTPS://UPPER.example", ["HTTPS://UPPER.example"]),
        ("no url here http:// or https:", []),
        ("a https://x.example\nb http://y.example", ["https://x.example", "http://y.example"]),
        ("xhttps://glued.example", []),
        ("get ftp://files.example/a.zip or Https://b.example", ["ftp://files.example/a.zip", "Https://b.example"]),
        ("httpx://no.example wwwx.no.example", []),
    ])
    func findsURLs(text: String, expected: [String]) {
        #expect(Self.urls(text) == expected)
    }

    @Test func linkParts() {
        let link = LinkParser.link(
            url: "https://User@Shop.Example.:8080/a%20b?x=1+2&y=%E2%82%AC#frag",
            text: "",
            source: .plain
        )
        #expect(link.host == "shop.example")
        #expect(link.path == "/a b")
        #expect(link.query == [.init(name: "x", value: "1 2"), .init(name: "y", value: "\u{20AC}")])
        #expect(LinkParser.link(url: "www.shop.example:81/p", text: "", source: .plain).host == "www.shop.example")
        #expect(LinkParser.link(url: "/relative", text: "", source: .html).host == "")
    }
}
