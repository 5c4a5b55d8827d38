package com.salespulse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs link only to what exists: every relative link in README.md and docs/ names a file or directory of the
 * repository, and a link to {@code file.md#anchor} names a heading of that file (by GitHub's slug rule). Links to
 * the web, {@code mailto:} and pure {@code #anchor} links are not checked; neither is anything inside code.
 */
class DocumentationLinksTest {

    /** {@code [text](target)} and {@code ![alt](target)}, with an optional title after the target. */
    private static final Pattern INLINE_LINK =
            Pattern.compile("!?\\[(?:[^\\[\\]]|\\[[^\\[\\]]*])*]\\(\\s*(<[^>]*>|[^\\s()]+)(?:\\s+\"[^\"]*\")?\\s*\\)");

    /** A reference definition: {@code [label]: target}. */
    private static final Pattern REFERENCE = Pattern.compile("^ {0,3}\\[[^\\]]+]:\\s*(<[^>]*>|\\S+)");

    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?:(?!\\1).)+?\\1");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private final Path root = repositoryRoot();
    private final Map<Path, Set<String>> anchors = new HashMap<>();

    @Test
    void everyRelativeLinkInReadmeAndDocsResolves() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }

        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
            boolean inFence = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (FENCE.matcher(line).find()) {
                    inFence = !inFence;
                    continue;
                }
                if (inFence) {
                    continue;
                }
                for (String target : targets(line)) {
                    checked++;
                    if (!resolves(page, target)) {
                        broken.add(root.relativize(page) + ":" + (i + 1) + " -> " + target);
                    }
                }
            }
        }

        assertThat(checked).as("relative links found in README.md and docs/").isPositive();
        assertThat(broken)
                .as(
                        "relative links that name no file, directory or heading (file:line -> target):%n  %s",
                        String.join("\n  ", broken))
                .isEmpty();
    }

    @Test
    void headingAnchorsFollowGitHubsSlugRule() {
        assertThat(slug("Transactional outbox (lead-service, deal-service)"))
                .isEqualTo("transactional-outbox-lead-service-deal-service");
        assertThat(slug("Alerts — `GET /api/v1/alerts`, `GET|PUT /api/v1/alerts/thresholds`"))
                .isEqualTo("alerts--get-apiv1alerts-getput-apiv1alertsthresholds");
        assertThat(slug("The demo tenant (`--demo`)")).isEqualTo("the-demo-tenant---demo");
        assertThat(slug("snake_case and [a link](x.md)")).isEqualTo("snake_case-and-a-link");
    }

    /** The relative link targets on one line outside code, each as written (fragment included). */
    private static List<String> targets(String line) {
        String text = CODE_SPAN
                .matcher(line)
                .replaceAll(match -> " ".repeat(match.group().length()));
        List<String> targets = new ArrayList<>();
        Matcher inline = INLINE_LINK.matcher(text);
        while (inline.find()) {
            targets.add(unbracket(inline.group(1)));
        }
        Matcher reference = REFERENCE.matcher(text);
        if (reference.find()) {
            targets.add(unbracket(reference.group(1)));
        }
        targets.removeIf(target -> target.isEmpty()
                || target.startsWith("#")
                || SCHEME.matcher(target).find());
        return targets;
    }

    private boolean resolves(Path page, String target) {
        int hash = target.indexOf('#');
        String path = URLDecoder.decode(hash < 0 ? target : target.substring(0, hash), StandardCharsets.UTF_8);
        String fragment = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = (path.startsWith("/")
                        ? root.resolve(path.substring(1))
                        : page.getParent().resolve(path))
                .normalize();
        if (!resolved.startsWith(root) || !Files.exists(resolved)) {
            return false;
        }
        if (fragment == null || fragment.isEmpty() || !resolved.toString().endsWith(".md")) {
            return true;
        }
        return anchorsOf(resolved).contains(URLDecoder.decode(fragment, StandardCharsets.UTF_8));
    }

    /** The anchors GitHub gives a Markdown file's headings (a repeated slug gets -1, -2, ...), and HTML anchors. */
    private Set<String> anchorsOf(Path file) {
        return anchors.computeIfAbsent(file, f -> {
            Set<String> found = new HashSet<>();
            Map<String, Integer> seen = new HashMap<>();
            boolean inFence = false;
            try {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (FENCE.matcher(line).find()) {
                        inFence = !inFence;
                        continue;
                    }
                    if (inFence) {
                        continue;
                    }
                    Matcher heading = HEADING.matcher(line);
                    if (heading.matches()) {
                        String slug = slug(heading.group(1));
                        int repeats = seen.merge(slug, 1, Integer::sum) - 1;
                        found.add(repeats == 0 ? slug : slug + "-" + repeats);
                    }
                    Matcher html = HTML_ANCHOR.matcher(line);
                    while (html.find()) {
                        found.add(html.group(1));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return found;
        });
    }

    /**
     * GitHub's heading anchor: the heading's text (a link's text, not its target), lower case, every character other
     * than a letter, a digit, a space, '-' or '_' dropped, then every space turned into '-'.
     */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1");
        return text.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "")
                .replace(' ', '-');
    }

    private static String unbracket(String target) {
        return target.startsWith("<") && target.endsWith(">") ? target.substring(1, target.length() - 1) : target;
    }

    /**
     * Maven runs a module's tests in the module's directory, so the repository is its parent; run from the root
     * (an IDE may), the root is the working directory itself.
     */
    private static Path repositoryRoot() {
        Path workingDirectory = Path.of("").toAbsolutePath();
        Path root = Files.exists(workingDirectory.resolve("docs")) ? workingDirectory : workingDirectory.getParent();
        assertThat(root.resolve("README.md"))
                .as("README.md at the repository root")
                .isRegularFile();
        return root.normalize();
    }
}
