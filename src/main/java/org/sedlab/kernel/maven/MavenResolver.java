package org.sedlab.kernel.maven;

import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsBuilderFactory;
import org.apache.maven.settings.building.DefaultSettingsBuildingRequest;
import org.apache.maven.settings.building.SettingsBuildingException;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Resolves Maven coordinates with their runtime dependencies, the way Maven itself would:
 * Maven's resolver library, configured from ~/.m2/settings.xml (local repository, offline flag,
 * mirrors, proxies, server credentials), starting from Maven Central.
 */
public final class MavenResolver {

    private static final String CENTRAL_URL = "https://repo.maven.apache.org/maven2/";

    private final RepositorySystem system;
    private final DefaultRepositorySystemSession session;
    private final Map<String, RemoteRepository> repositories = new LinkedHashMap<>();

    private MavenResolver(Settings settings) {
        this.system = new RepositorySystemSupplier().get();
        this.session = MavenRepositorySystemUtils.newSession();
        String local = settings.getLocalRepository() != null
                ? settings.getLocalRepository()
                : Path.of(System.getProperty("user.home"), ".m2", "repository").toString();
        session.setLocalRepositoryManager(system.newLocalRepositoryManager(session, new LocalRepository(local)));
        session.setOffline(settings.isOffline());
        session.setMirrorSelector(mirrors(settings));
        session.setProxySelector(proxies(settings));
        session.setAuthenticationSelector(credentials(settings));
        addRepository("central", CENTRAL_URL);
    }

    /** A resolver set up from ~/.m2/settings.xml (and the Maven installation's), if present. */
    public static MavenResolver fromSettings() {
        return fromSettings(Path.of(System.getProperty("user.home"), ".m2", "settings.xml"));
    }

    /** A resolver set up from the given user settings file (and the Maven installation's), if present. */
    public static MavenResolver fromSettings(Path userSettings) {
        DefaultSettingsBuildingRequest request = new DefaultSettingsBuildingRequest()
                .setSystemProperties(System.getProperties())
                .setUserSettingsFile(userSettings.toFile());
        String mavenHome = System.getenv("MAVEN_HOME");
        if (mavenHome != null) {
            request.setGlobalSettingsFile(new File(mavenHome, "conf/settings.xml"));
        }
        try {
            return new MavenResolver(new DefaultSettingsBuilderFactory().newInstance().build(request).getEffectiveSettings());
        } catch (SettingsBuildingException e) {
            throw new IllegalStateException("Cannot read Maven settings: " + e.getMessage(), e);
        }
    }

    public void addRepository(String id, String url) {
        repositories.put(id, new RemoteRepository.Builder(id, "default", url).build());
    }

    /**
     * Resolves {@code groupId:artifactId[:extension[:classifier]]:version} coordinates and their runtime
     * dependencies; returns the jar files, downloading what the local repository lacks.
     */
    public List<Path> resolve(List<String> coordinates) throws ResolutionFailure {
        CollectRequest collect = new CollectRequest();
        for (String coordinate : coordinates) {
            try {
                collect.addDependency(new Dependency(new DefaultArtifact(coordinate), JavaScopes.RUNTIME));
            } catch (IllegalArgumentException e) {
                throw new ResolutionFailure("'" + coordinate
                        + "' is not a Maven coordinate; expected groupId:artifactId[:extension[:classifier]]:version");
            }
        }
        collect.setRepositories(system.newResolutionRepositories(session, new ArrayList<>(repositories.values())));
        DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        try {
            List<Path> files = new ArrayList<>();
            for (ArtifactResult result : system.resolveDependencies(session, request).getArtifactResults()) {
                File file = result.getArtifact().getFile();
                if (file != null && Files.isRegularFile(file.toPath())) {
                    files.add(file.toPath());
                }
            }
            return files;
        } catch (DependencyResolutionException e) {
            throw new ResolutionFailure("Could not resolve " + String.join(", ", coordinates) + " from "
                    + repositories.values().stream().map(RemoteRepository::getUrl).collect(Collectors.joining(", "))
                    + ": " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getMessage() : e.getMessage() + " (" + root.getMessage() + ")";
    }

    private static DefaultMirrorSelector mirrors(Settings settings) {
        DefaultMirrorSelector selector = new DefaultMirrorSelector();
        for (Mirror m : settings.getMirrors()) {
            selector.add(m.getId(), m.getUrl(), m.getLayout(), false, m.isBlocked(), m.getMirrorOf(), m.getMirrorOfLayouts());
        }
        return selector;
    }

    private static DefaultProxySelector proxies(Settings settings) {
        DefaultProxySelector selector = new DefaultProxySelector();
        for (Proxy p : settings.getProxies()) {
            if (!p.isActive()) {
                continue;
            }
            selector.add(new org.eclipse.aether.repository.Proxy(p.getProtocol(), p.getHost(), p.getPort(),
                    new AuthenticationBuilder().addUsername(p.getUsername()).addPassword(p.getPassword()).build()),
                    p.getNonProxyHosts());
        }
        return selector;
    }

    private static DefaultAuthenticationSelector credentials(Settings settings) {
        DefaultAuthenticationSelector selector = new DefaultAuthenticationSelector();
        for (Server s : settings.getServers()) {
            selector.add(s.getId(), new AuthenticationBuilder()
                    .addUsername(s.getUsername()).addPassword(s.getPassword())
                    .addPrivateKey(s.getPrivateKey(), s.getPassphrase()).build());
        }
        return selector;
    }

    /** Resolution failed for a reason the user can act on; the message says which. */
    public static final class ResolutionFailure extends Exception {
        public ResolutionFailure(String message) {
            super(message);
        }
    }
}
