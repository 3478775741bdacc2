package org.stemloop.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket bound to a chosen local address (127.0.0.2 is a second client address on
 * Linux's loopback), as curl {@code --interface} does: the server sees each client by its own address,
 * with no proxy header to trust.
 */
final class RawHttp {

    /** A response: status, header lines, body. */
    record Response(int status, List<String> headers, String body) {
        /** The values of every header of this name. */
        List<String> all(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(h -> h.substring(prefix.length()).strip()).toList();
        }
    }

    private RawHttp() {
    }

    /** Sends {@code head} (request line and headers, no blank line) and {@code body} from {@code from}. */
    static Response exchange(String from, int port, String head, byte[] body) throws IOException {
        try (Socket s = new Socket()) {
            s.setSoTimeout(30_000);
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            OutputStream out = s.getOutputStream();
            String h = head + "\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\nContent-Length: "
                    + body.length + "\r\n\r\n";
            out.write(h.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return parse(s.getInputStream());
        }
    }

    /** GET from that address with these extra header lines. */
    static Response get(String from, int port, String path, String... headers) throws IOException {
        return exchange(from, port, "GET " + path + " HTTP/1.1" + lines(headers), new byte[0]);
    }

    /** POST a JSON body from that address with these extra header lines. */
    static Response postJson(String from, int port, String path, String json, String... headers) throws IOException {
        return exchange(from, port, "POST " + path + " HTTP/1.1\r\nContent-Type: application/json" + lines(headers),
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static String lines(String... headers) {
        StringBuilder b = new StringBuilder();
        for (String h : headers) {
            b.append("\r\n").append(h);
        }
        return b.toString();
    }

    private static Response parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] head = text.substring(0, end < 0 ? text.length() : end).split("\r\n");
        List<String> headers = new ArrayList<>(List.of(head).subList(1, head.length));
        String body = end < 0 ? "" : text.substring(end + 4);
        if (headers.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("transfer-encoding: chunked"))) {
            body = unchunk(body);
        }
        return new Response(Integer.parseInt(head[0].split(" ")[1]), headers, body);
    }

    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            int eol = body.indexOf("\r\n", i);
            int n = Integer.parseInt(body.substring(i, eol).strip(), 16);
            if (n == 0) {
                break;
            }
            out.append(body, eol + 2, eol + 2 + n);
            i = eol + 2 + n + 2;
        }
        return out.toString();
    }
}
