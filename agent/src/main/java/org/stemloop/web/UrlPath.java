package org.stemloop.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Frame and run ids inside URL paths: percent-encoded, spaces as {@code %20}. */
final class UrlPath {

    private UrlPath() {
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
