import Foundation
import Testing
import Unsubscribe

@Suite struct UnsubscribeLinksTests {
    let links = UnsubscribeLinks(
        baseURL: "https://unsubscribe.example.com/u",
        mailto: "unsubscribe@example.com",
        keys: [UnsubscribeKey.generate()],
        scope: "marketing",
        lifetime: .seconds(86_400)
    )

    @Test func headerCarriesTheHTTPSLinkFirstThenTheMailtoLink() throws {
        let token = self.links.token(for: "jane@example.org")
        #expect(
            self.links.listUnsubscribe(token: token)
                == "<https://unsubscribe.example.com/u/\(token)>, <mailto:unsubscribe+\(token)@example.com>"
        )
        #expect(UnsubscribeLinks.postHeaderValue == "List-Unsubscribe=One-Click")
    }

    @Test func theTokenIsFoundInEveryFormOfLink() throws {
        let token = self.links.token(for: "jane@example.org")
        for link in [
            self.links.url(token: token), "<\(self.links.url(token: token))>",
            try #require(self.links.mailtoLink(token: token)),
            token, self.links.url(token: token) + "?utm=x",
        ] {
            #expect(UnsubscribeLinks.tokenText(inLink: link) == token[...], "\(link)")
            #expect(try self.links.open(UnsubscribeLinks.tokenText(inLink: link)).address == "jane@example.org")
        }
    }

    @Test func baseURLMustBeHTTPSOrLoopbackHTTP() {
        #expect(UnsubscribeLinks.problem(withBaseURL: "https://u.example.com/u/") == nil)
        #expect(UnsubscribeLinks.problem(withBaseURL: "http://127.0.0.1:9188/u/") == nil)
        #expect(UnsubscribeLinks.problem(withBaseURL: "http://u.example.com/u/")?.contains("https") == true)
        #expect(UnsubscribeLinks.problem(withBaseURL: "/u/") != nil)
        #expect(UnsubscribeLinks.problem(withBaseURL: "https://u.example.com/u/?a=b") != nil)
        #expect(UnsubscribeLinks.problem(withBaseURL: "ftp://u.example.com/") != nil)
    }
}
