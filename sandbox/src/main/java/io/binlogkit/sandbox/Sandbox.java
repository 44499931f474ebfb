package io.binlogkit.sandbox;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * A sandbox: a directory (the tutorial's {@code reptut/}) holding a config file,
 * {@value #CONFIG_FILE}, and per server {@code NAME.cnf} (a defaults file for the server and the
 * client), the datadir {@code NAME/}, {@code NAME.pid}, {@code NAME.err} and the socket.
 *
 * <p>The config records which binaries to run, the port range, each server's roles, port and server
 * id, which master each slave follows and the generated replication passwords. It holds passwords,
 * so it is written with mode 0600. New datadirs are copies of one bootstrapped template (about three
 * times faster than running {@code mariadb-install-db} for each server).
 */
public final class Sandbox {
    public static final String CONFIG_FILE = "sandbox.properties";
    /** Default first port of {@code sandbox setup}; the tutorial's servers listened near 12000. */
    public static final int DEFAULT_PORT_BASE = 12000;
    public static final int DEFAULT_PORT_COUNT = 100;
    private static final String TEMPLATE_MARKER = ".binlogkit-template";
    private static final Object TEMPLATE_LOCK = new Object();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final TreeMap<String, String> config;
    private final ServerBinaries binaries;

    private Sandbox(Path dir, TreeMap<String, String> config) {
        this.dir = dir;
        this.config = config;
        this.binaries = new ServerBinaries(Path.of(config.get("server_binary")), Path.of(config.get("install_db")),
                Path.of(config.get("client")), config.containsKey("backup") ? Path.of(config.get("backup")) : null);
    }

    /** How {@link #setup} configures a new sandbox. */
    public record Options(Path basedir, int portBase, int portCount, Path template) {
        public static Options defaults() {
            return new Options(null, DEFAULT_PORT_BASE, DEFAULT_PORT_COUNT, null);
        }

        /** The same, with ports chosen by the kernel (free ephemeral ports): what tests use. */
        public Options withEphemeralPorts() {
            return new Options(basedir, 0, 0, template);
        }

        public Options withBasedir(Path b) {
            return new Options(b, portBase, portCount, template);
        }

        /** A template datadir shared by several sandboxes (one bootstrap per test run). */
        public Options withTemplate(Path t) {
            return new Options(basedir, portBase, portCount, t);
        }
    }

    /**
     * Makes {@code dir} a sandbox (creating it), or updates the binaries and port range of an existing
     * one, keeping its servers.
     */
    public static Sandbox setup(Path dir, Options options) {
        ServerBinaries b = ServerBinaries.find(options.basedir());
        Path abs = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(abs);
        } catch (IOException e) {
            throw io("cannot create " + abs, e);
        }
        TreeMap<String, String> cfg = Files.exists(abs.resolve(CONFIG_FILE)) ? load(abs) : new TreeMap<>();
        cfg.put("server_binary", b.server().toString());
        cfg.put("install_db", b.installDb().toString());
        cfg.put("client", b.client().toString());
        if (b.backup() != null) {
            cfg.put("backup", b.backup().toString());
        } else {
            cfg.remove("backup");
        }
        if (options.basedir() != null) {
            cfg.put("basedir", options.basedir().toAbsolutePath().toString());
        }
        cfg.put("port_base", Integer.toString(options.portBase()));
        cfg.put("port_count", Integer.toString(options.portCount()));
        cfg.put("template", options.template() == null ? ".template"
                : options.template().toAbsolutePath().normalize().toString());
        Sandbox s = new Sandbox(abs, cfg);
        s.save();
        return s;
    }

    /** Opens an existing sandbox. */
    public static Sandbox open(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs.resolve(CONFIG_FILE))) {
            throw SandboxException.config(abs + " is not a sandbox (no " + CONFIG_FILE + "): run 'sandbox setup'"
                    + " there first, or name one with --dir");
        }
        return new Sandbox(abs, load(abs));
    }

    public Path dir() {
        return dir;
    }

    public ServerBinaries binaries() {
        return binaries;
    }

    public Path configFile() {
        return dir.resolve(CONFIG_FILE);
    }

    /** The servers in the order they were added. */
    public List<ServerInstance> servers() {
        List<ServerSpec> specs = new ArrayList<>();
        for (String key : config.keySet()) {
            if (key.startsWith("server.") && key.endsWith(".server_id")) {
                specs.add(spec(key.substring(7, key.length() - 10)));
            }
        }
        specs.sort((a, b) -> Long.compare(a.serverId(), b.serverId()));
        return specs.stream().map(s -> new ServerInstance(this, s)).toList();
    }

    public Optional<ServerInstance> find(String name) {
        return config.containsKey("server." + name + ".server_id")
                ? Optional.of(new ServerInstance(this, spec(name))) : Optional.empty();
    }

    /** The named server, or a clear error listing the ones there are. */
    public ServerInstance server(String name) {
        return find(name).orElseThrow(() -> SandboxException.config("no server '" + name + "' in " + dir
                + (servers().isEmpty() ? " (it has none yet: 'sandbox add name=... roles=...')"
                : "; servers: " + String.join(", ", servers().stream().map(ServerInstance::name).toList()))));
    }

    /**
     * The tutorial's {@code server-adm add}: records the server, writes {@code NAME.cnf} and creates its
     * datadir from the template. {@code port} 0 picks a free one from the sandbox's range.
     */
    public ServerInstance add(String name, Set<Role> roles, int port, Map<String, String> options) {
        ServerSpec.checkName(name);
        if (find(name).isPresent()) {
            throw SandboxException.config("server '" + name + "' already exists in " + dir);
        }
        long id = 1;
        for (ServerInstance s : servers()) {
            id = Math.max(id, s.spec().serverId() + 1);
            if (port != 0 && s.spec().port() == port) {
                throw SandboxException.config("port " + port + " is already used by server '" + s.name() + "'");
            }
        }
        ServerSpec spec = new ServerSpec(name, roles, port == 0 ? freePort() : port, id, options);
        String p = "server." + name + ".";
        config.put(p + "roles", Role.format(spec.roles()));
        config.put(p + "port", Integer.toString(spec.port()));
        config.put(p + "server_id", Long.toString(spec.serverId()));
        spec.options().forEach((k, v) -> config.put(p + "option." + k, v));
        ServerInstance s = new ServerInstance(this, spec);
        s.writeDefaultsFile();
        s.bootstrap();
        save();
        return s;
    }

    /** Whether the sandbox picks ports from the kernel's free ones ({@code --port-base 0}). */
    boolean choosesPorts() {
        return "0".equals(config.getOrDefault("port_base", "0"));
    }

    /** Gives a server a new free port (its old one turned out to be taken). */
    void movePort(String name) {
        int port = freePort();
        config.put("server." + name + ".port", Integer.toString(port));
        save();
    }

    /** Stops the server if it runs, deletes its files and forgets it. */
    public void remove(String name) {
        ServerInstance s = server(name);
        s.stop();
        s.deleteFiles();
        config.keySet().removeIf(k -> k.startsWith("server." + name + "."));
        save();
    }

    ServerSpec spec(String name) {
        String p = "server." + name + ".";
        Map<String, String> opts = new LinkedHashMap<>();
        for (var e : config.entrySet()) {
            if (e.getKey().startsWith(p + "option.")) {
                opts.put(e.getKey().substring(p.length() + 7), e.getValue());
            }
        }
        return new ServerSpec(name, Role.parse(config.get(p + "roles")), Integer.parseInt(config.get(p + "port")),
                Long.parseLong(config.get(p + "server_id")), opts);
    }

    /** The master a slave was pointed at by {@code replicate}, if any. */
    public Optional<String> masterOf(String slave) {
        return Optional.ofNullable(config.get("server." + slave + ".master"));
    }

    /** The replication user a slave connects with. */
    public Optional<String> replicationUserOf(String slave) {
        return Optional.ofNullable(config.get("server." + slave + ".repl_user"));
    }

    void recordMaster(String slave, String master, String user) {
        if (master == null) {
            config.remove("server." + slave + ".master");
            config.remove("server." + slave + ".repl_user");
        } else {
            config.put("server." + slave + ".master", master);
            config.put("server." + slave + ".repl_user", user);
        }
        save();
    }

    /** The password of a replication user, generated (and saved) the first time it is asked for. */
    String replicationPassword(String user) {
        String key = "repl." + user + ".password";
        String pw = config.get(key);
        if (pw == null) {
            StringBuilder sb = new StringBuilder();
            String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
            for (int i = 0; i < 24; i++) {
                sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
            }
            pw = sb.toString();
            config.put(key, pw);
            save();
        }
        return pw;
    }

    /** The database account the sandbox administers servers with: the OS user, over the unix socket. */
    String adminUser() {
        return System.getProperty("user.name");
    }

    /** Where datadirs are copied from. */
    public Path templateDir() {
        Path t = Path.of(config.getOrDefault("template", ".template"));
        return t.isAbsolute() ? t : dir.resolve(t);
    }

    /**
     * Bootstraps the template datadir once ({@code mariadb-install-db} with socket authentication for
     * the OS user), safely against other threads and processes doing the same.
     */
    void ensureTemplate() {
        Path t = templateDir();
        if (Files.exists(t.resolve(TEMPLATE_MARKER))) {
            return;
        }
        synchronized (TEMPLATE_LOCK) {
            try {
                Files.createDirectories(t.getParent());
                try (FileChannel ch = FileChannel.open(t.resolveSibling(t.getFileName() + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = ch.lock()) {
                    if (Files.exists(t.resolve(TEMPLATE_MARKER))) {
                        return;
                    }
                    Path tmp = t.resolveSibling(t.getFileName() + ".tmp-" + ProcessHandle.current().pid());
                    deleteTree(tmp);
                    deleteTree(t);
                    Files.createDirectories(tmp);
                    Path cnf = t.resolveSibling(t.getFileName() + ".cnf");
                    Files.writeString(cnf, "[mysqld]\ndatadir=" + tmp + "\n" + ServerInstance.SMALL_SERVER_OPTIONS);
                    List<String> cmd = new ArrayList<>(List.of(binaries.installDb().toString(),
                            "--defaults-file=" + cnf, "--user=" + adminUser(), "--skip-test-db",
                            "--auth-root-authentication-method=socket"));
                    if (!adminUser().equals("root")) {
                        cmd.add("--auth-root-socket-user=" + adminUser());
                    }
                    Path log = t.resolveSibling(t.getFileName() + ".install.log");
                    Processes.run(cmd, t.getParent(), log, Duration.ofMinutes(3));
                    Files.deleteIfExists(tmp.resolve("ibtmp1"));
                    Files.writeString(tmp.resolve(TEMPLATE_MARKER), "made by binlogkit sandbox from "
                            + binaries.installDb() + "\n");
                    Files.move(tmp, t, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                throw io("cannot create the template datadir " + t, e);
            }
        }
    }

    private int freePort() {
        int base = Integer.parseInt(config.getOrDefault("port_base", "0"));
        int count = Integer.parseInt(config.getOrDefault("port_count", "0"));
        if (base == 0) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException e) {
                throw io("cannot find a free port", e);
            }
        }
        Map<Integer, String> used = new HashMap<>();
        servers().forEach(s -> used.put(s.spec().port(), s.name()));
        for (int p = base; p < base + count; p++) {
            if (!used.containsKey(p) && portFree(p)) {
                return p;
            }
        }
        throw SandboxException.config("no free port in " + base + "-" + (base + count - 1)
                + ": give port=P or run 'sandbox setup --port-base N'");
    }

    private static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static TreeMap<String, String> load(Path dir) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(CONFIG_FILE), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw io("cannot read " + dir.resolve(CONFIG_FILE), e);
        }
        TreeMap<String, String> m = new TreeMap<>();
        p.forEach((k, v) -> m.put((String) k, (String) v));
        if (!m.containsKey("server_binary")) {
            throw SandboxException.config(dir.resolve(CONFIG_FILE) + " has no server_binary: run 'sandbox setup' again");
        }
        return m;
    }

    private void save() {
        Path f = configFile();
        Path tmp = f.resolveSibling(CONFIG_FILE + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write("# binlogkit sandbox (holds replication passwords: keep it private)\n");
                Properties one = new Properties();
                for (var e : config.entrySet()) {
                    one.clear();
                    one.setProperty(e.getKey(), e.getValue());
                    var sw = new java.io.StringWriter();
                    one.store(sw, null);
                    // Properties.store writes a date comment first: keep only the entry line.
                    for (String line : sw.toString().split("\n")) {
                        if (!line.startsWith("#")) {
                            w.write(line.strip());
                            w.write('\n');
                        }
                    }
                }
            }
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw io("cannot write " + f, e);
        }
    }

    static SandboxException io(String message, IOException e) {
        return new SandboxException(SandboxException.Kind.IO, message + ": " + e, e);
    }

    /** Copies a directory tree; files named in {@code skip} (by file name) are left out. */
    public static void copyTree(Path from, Path to, Set<String> skip) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                    Files.createDirectories(to.resolve(from.relativize(d).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    if (!skip.contains(f.getFileName().toString())) {
                        Files.copy(f, to.resolve(from.relativize(f).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw io("cannot copy " + from + " to " + to, e);
        }
    }

    /** Deletes a file or a directory tree; symbolic links are deleted themselves, never followed. */
    public static void deleteTree(Path p) {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(p, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    Files.delete(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
