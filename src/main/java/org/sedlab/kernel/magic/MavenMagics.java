package org.sedlab.kernel.magic;

import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.sedlab.kernel.SedlabKernel;
import org.sedlab.kernel.maven.MavenResolver;
import org.sedlab.kernel.maven.PomDependencies;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code %maven g:a:v...} resolves artifacts with their runtime dependencies onto the classpath,
 * {@code %mavenRepo id url} adds a repository, {@code %%loadFromPOM} takes both from POM XML.
 */
public final class MavenMagics {

    private MavenMagics() {
    }

    public static void register(MagicsRegistry registry, MavenResolver resolver) {
        registry.registerLineMagic("maven", (SedlabKernel kernel, List<String> args) -> {
            if (args.isEmpty()) {
                throw new MagicException("%maven needs coordinates, e.g. %maven com.google.code.gson:gson:2.8.9");
            }
            resolveOntoClasspath(kernel, resolver, args);
            return null;
        });
        registry.registerLineMagic("mavenRepo", (SedlabKernel kernel, List<String> args) -> {
            if (args.size() != 2) {
                throw new MagicException("%mavenRepo needs an id and a URL, e.g. %mavenRepo jitpack https://jitpack.io");
            }
            resolver.addRepository(args.get(0), args.get(1));
            return null;
        });
        registry.registerCellMagic("loadFromPOM", (SedlabKernel kernel, List<String> args, String body) -> {
            PomDependencies pom;
            try {
                pom = PomDependencies.parse(body);
            } catch (IOException e) {
                throw new MagicException("%%loadFromPOM: " + e.getMessage());
            }
            for (String[] repository : pom.repositories) {
                resolver.addRepository(repository[0], repository[1]);
            }
            if (!pom.coordinates.isEmpty()) {
                resolveOntoClasspath(kernel, resolver, pom.coordinates);
            }
            return null;
        });
    }

    private static void resolveOntoClasspath(SedlabKernel kernel, MavenResolver resolver, List<String> coordinates) {
        try {
            List<Path> jars = resolver.resolve(coordinates);
            kernel.addToClasspath(jars);
        } catch (MavenResolver.ResolutionFailure e) {
            throw new MagicException(e.getMessage());
        }
    }
}
