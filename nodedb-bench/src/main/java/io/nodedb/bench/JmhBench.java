package io.nodedb.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.util.Collection;

/**
 * Runs the JMH microbenchmarks of {@code io.nodedb.bench.jmh} (embedded KV GET/PUT, slab allocate+free) through
 * JMH's {@link Runner}. The arguments are JMH's own command line, passed through; where they leave something unset
 * this picks short settings fit for a shared 2-core machine instead of JMH's defaults (5 forks of 5 x 10 s).
 * JMH prints its progress and, at the end, its result table on stdout.
 */
public final class JmhBench {
    /** The benchmarks run when no regex is given. */
    static final String PACKAGE = "io.nodedb.bench.jmh.";

    private JmhBench() {
    }

    public static void main(String[] argv) throws Exception {
        for (String arg : argv) {
            if (arg.equals("-h") || arg.equals("--help")) {
                Console.out(usage());
                showJmhHelp();
                System.exit(0);
            }
        }
        CommandLineOptions cmd;
        try {
            cmd = new CommandLineOptions(argv);
        } catch (CommandLineOptionException e) {
            Console.error(e.getMessage());
            Console.err(usage());
            System.exit(2);
            return;
        }
        Runner runner = new Runner(options(cmd));
        if (cmd.shouldList()) {
            runner.list();
            return;
        }
        if (cmd.shouldListWithParams()) {
            runner.listWithParams(cmd);
            return;
        }
        Collection<RunResult> results;
        try {
            results = runner.run();
        } catch (RunnerException e) {
            Console.error(e.getMessage());
            System.exit(1);
            return;
        }
        if (results.isEmpty()) {
            Console.error("no benchmark matched; bin/bench jmh -l lists them");
            System.exit(1);
        }
    }

    /** JMH options from a JMH command line, with this runner's defaults for whatever it leaves unset. */
    public static Options options(String... argv) throws CommandLineOptionException {
        return options(new CommandLineOptions(argv));
    }

    static Options options(CommandLineOptions cmd) {
        ChainedOptionsBuilder b = new OptionsBuilder().parent(cmd);
        if (cmd.getIncludes().isEmpty()) {
            b.include(PACKAGE);
        }
        if (!cmd.getForkCount().hasValue()) {
            b.forks(1);
        }
        if (!cmd.getWarmupIterations().hasValue()) {
            b.warmupIterations(2);
        }
        if (!cmd.getWarmupTime().hasValue()) {
            b.warmupTime(TimeValue.seconds(1));
        }
        if (!cmd.getMeasurementIterations().hasValue()) {
            b.measurementIterations(3);
        }
        if (!cmd.getMeasurementTime().hasValue()) {
            b.measurementTime(TimeValue.seconds(2));
        }
        if (!cmd.shouldFailOnError().hasValue()) {
            b.shouldFailOnError(true);
        }
        return b.build();
    }

    static String usage() {
        return """
                usage: bin/bench jmh [JMH options] [benchmark regex ...]
                JMH microbenchmarks of the embedded engine (package io.nodedb.bench.jmh):
                  KvEmbeddedBenchmark.get           KvEngine.get of a loaded key (100,000 keys, in-memory database)
                  KvEmbeddedBenchmark.put           Database.submitKv of one PUT through the in-memory log
                  KvEmbeddedBenchmark.putBatch100   100 PUTs per log record; score per PUT
                  SlabAllocatorBenchmark.*          SlabAllocator allocate+free pairs per size class (64 B .. 4 KiB)
                Parameters: valueBytes (64,1024 for KV; every class size for the slab), keys; override with
                -p valueBytes=1024 or -p keys=1000000.

                Arguments are JMH's own options, passed through. Unless given, this runner uses
                -f 1 -wi 2 -w 1s -i 3 -r 2s -foe true (JMH's defaults take hours). Scores are ops/s; -bm avgt -tu ns
                gives ns/op. Forked JVMs inherit this JVM's options. Examples:
                  bin/bench jmh                                  all of them (about 3 minutes)
                  bin/bench jmh Slab -p valueBytes=64,4096       a subset
                  bin/bench jmh -rf json -rff jmh.json           also write machine-readable results
                  bin/bench jmh -l                               list the benchmarks

                JMH's options:""";
    }

    private static void showJmhHelp() throws IOException, CommandLineOptionException {
        new CommandLineOptions().showHelp();
    }
}
