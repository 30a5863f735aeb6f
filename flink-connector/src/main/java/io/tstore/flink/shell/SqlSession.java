package io.tstore.flink.shell;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.ResultKind;
import org.apache.flink.table.api.TableConfig;
import org.apache.flink.table.api.TableException;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.api.bridge.java.internal.StreamTableEnvironmentImpl;
import org.apache.flink.table.api.internal.TableEnvironmentInternal;
import org.apache.flink.table.api.internal.TableResultImpl;
import org.apache.flink.table.api.internal.TableResultInternal;
import org.apache.flink.table.catalog.CatalogManager;
import org.apache.flink.table.catalog.CatalogStoreHolder;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.FunctionCatalog;
import org.apache.flink.table.catalog.GenericInMemoryCatalog;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.delegation.Executor;
import org.apache.flink.table.delegation.ExecutorFactory;
import org.apache.flink.table.delegation.Planner;
import org.apache.flink.table.expressions.DefaultSqlFactory;
import org.apache.flink.table.factories.ApiFactoryUtil;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.factories.PlannerFactoryUtil;
import org.apache.flink.table.module.ModuleManager;
import org.apache.flink.table.operations.BeginStatementSetOperation;
import org.apache.flink.table.operations.EndStatementSetOperation;
import org.apache.flink.table.operations.ExplainOperation;
import org.apache.flink.table.operations.ModifyOperation;
import org.apache.flink.table.operations.Operation;
import org.apache.flink.table.operations.QueryOperation;
import org.apache.flink.table.operations.SinkModifyOperation;
import org.apache.flink.table.operations.StatementSetOperation;
import org.apache.flink.table.operations.command.ResetOperation;
import org.apache.flink.table.operations.command.SetOperation;
import org.apache.flink.table.operations.ddl.CreateCatalogOperation;
import org.apache.flink.table.operations.ddl.DropCatalogOperation;
import org.apache.flink.table.resource.ResourceManager;
import org.apache.flink.types.Row;
import org.apache.flink.util.FlinkUserCodeClassLoaders;
import org.apache.flink.util.MutableURLClassLoader;

/**
 * The state of one SQL shell session and the execution of its statements, the way Flink's SQL
 * client and gateway do it.
 *
 * <p>Catalogs, databases, functions, modules and temporary objects live in one {@link
 * CatalogManager}, {@link FunctionCatalog} and {@link ModuleManager} for the whole session. The
 * {@link TableEnvironmentInternal} that plans statements is rebuilt over them whenever a {@code
 * SET} or {@code RESET} changes the configuration, because a table environment fixes its runtime
 * mode when it is created. {@code execution.runtime-mode} is {@code batch} unless set to {@code
 * streaming}.
 *
 * <p>Statements are parsed by Flink's own parser ({@code Parser#parse}); the session handles the
 * operations that belong to a session ({@code SET}, {@code RESET}, statement sets) and hands every
 * other operation to the table environment.
 */
public final class SqlSession implements AutoCloseable {

    /** What a statement produced, for the caller to show. */
    public sealed interface Outcome {
        /** A statement with nothing to show but success (DDL, {@code SET 'k' = 'v'}, {@code USE}). */
        record Done(String message) implements Outcome {}

        /** Rows that are already computed: {@code SHOW}, {@code DESCRIBE}, {@code EXPLAIN}, {@code SET}. */
        record Content(TableResultInternal result, boolean raw) implements Outcome {}

        /** A running query; {@code streaming} when it returns a changelog. */
        record Query(TableResultInternal result, boolean streaming) implements Outcome {}

        /** A running job that writes tables (INSERT, UPDATE, DELETE, statement sets), and its progress. */
        record Job(TableResultInternal result, JobProgress progress, boolean streaming) implements Outcome {}
    }

    private final EmbeddedCluster cluster;
    private final Configuration defaults;
    private final Configuration sessionConfig;
    private final MutableURLClassLoader userClassLoader;
    private final ResourceManager resourceManager;
    private final ModuleManager moduleManager;
    private final CatalogManager catalogManager;
    private final FunctionCatalog functionCatalog;
    /** Options (warehouse, file IO) of the {@code tablestore} catalogs created in this session, by catalog name. */
    private final Map<String, Map<String, String>> warehouses = new HashMap<>();

    private TableEnvironmentInternal tableEnvironment;
    private List<ModifyOperation> statementSet;

    /**
     * Opens a session on {@code cluster}. {@code defaults} is the configuration a {@code RESET}
     * returns to; the runtime mode defaults to batch.
     */
    public SqlSession(EmbeddedCluster cluster, Configuration defaults) {
        this.cluster = requireNonNull(cluster, "cluster is null");
        this.defaults = new Configuration();
        this.defaults.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        this.defaults.addAll(requireNonNull(defaults, "defaults is null"));
        this.sessionConfig = new Configuration(this.defaults);

        ClassLoader parent = Thread.currentThread().getContextClassLoader();
        this.userClassLoader = FlinkUserCodeClassLoaders.create(new URL[0], parent, sessionConfig);
        this.resourceManager = new ResourceManager(sessionConfig, userClassLoader);
        this.moduleManager = new ModuleManager();
        ApiFactoryUtil.CatalogStoreResult catalogStore =
                ApiFactoryUtil.getOrCreateCatalogStore(Optional.empty(), sessionConfig, userClassLoader);
        EnvironmentSettings settings = EnvironmentSettings.newInstance().build();
        this.catalogManager = CatalogManager.newBuilder()
                .classLoader(userClassLoader)
                .config(sessionConfig)
                .defaultCatalog(settings.getBuiltInCatalogName(), new GenericInMemoryCatalog(
                        settings.getBuiltInCatalogName(), settings.getBuiltInDatabaseName()))
                .catalogStoreHolder(CatalogStoreHolder.newBuilder()
                        .catalogStore(catalogStore.getCatalogStore())
                        .factory(catalogStore.getCatalogStoreFactory())
                        .config(sessionConfig)
                        .classloader(userClassLoader)
                        .build())
                .sqlFactory(DefaultSqlFactory.INSTANCE)
                .build();
        this.functionCatalog =
                new FunctionCatalog(sessionConfig, resourceManager, catalogManager, moduleManager);
    }

    /** Whether statements run in streaming mode (queries return changelogs). */
    public boolean isStreaming() {
        return sessionConfig.get(ExecutionOptions.RUNTIME_MODE) == RuntimeExecutionMode.STREAMING;
    }

    /** Parses and executes one statement (no trailing semicolon needed). */
    public Outcome execute(String statement) {
        TableEnvironmentInternal env = tableEnvironment();
        List<Operation> operations = env.getParser().parse(statement);
        if (operations.size() != 1) {
            throw new ValidationException("Expected one statement, found " + operations.size()
                    + "; end each statement with ';'.");
        }
        Operation operation = operations.get(0);
        if (statementSet != null) {
            return addToStatementSet(env, operation);
        }
        if (operation instanceof SetOperation set) {
            return set(set);
        }
        if (operation instanceof ResetOperation reset) {
            return reset(reset);
        }
        if (operation instanceof BeginStatementSetOperation) {
            statementSet = new ArrayList<>();
            return new Outcome.Done("Statement set begun: add INSERT statements, then END.");
        }
        if (operation instanceof EndStatementSetOperation) {
            throw new ValidationException("There is no statement set to end: begin one with BEGIN STATEMENT SET.");
        }
        if (operation instanceof ModifyOperation modify) {
            return runJob(env, List.of(modify));
        }
        if (operation instanceof StatementSetOperation set) {
            return runJob(env, set.getOperations());
        }
        if (operation instanceof QueryOperation) {
            return new Outcome.Query(env.executeInternal(operation), isStreaming());
        }
        TableResultInternal result = env.executeInternal(operation);
        if (operation instanceof CreateCatalogOperation create) {
            Map<String, String> properties = create.getProperties();
            if ("tablestore".equals(properties.get("type")) && properties.containsKey("warehouse")) {
                warehouses.put(create.getCatalogName(), Map.copyOf(properties));
            }
        } else if (operation instanceof DropCatalogOperation drop) {
            warehouses.remove(drop.getCatalogName());
        }
        if (result.getResultKind() == ResultKind.SUCCESS) {
            return new Outcome.Done("OK");
        }
        // EXPLAIN and SHOW CREATE ... return one text to print as it is, not a table.
        boolean raw = operation instanceof ExplainOperation
                || operation.getClass().getSimpleName().startsWith("ShowCreate");
        return new Outcome.Content(result, raw);
    }

    private Outcome addToStatementSet(TableEnvironmentInternal env, Operation operation) {
        if (operation instanceof EndStatementSetOperation) {
            List<ModifyOperation> operations = statementSet;
            statementSet = null;
            if (operations.isEmpty()) {
                return new Outcome.Done("Statement set ended; it was empty.");
            }
            return runJob(env, operations);
        }
        if (operation instanceof ModifyOperation modify) {
            statementSet.add(modify);
            return new Outcome.Done("Added to the statement set.");
        }
        throw new ValidationException(
                "Only INSERT statements can go into a statement set; submit it with END.");
    }

    private Outcome runJob(TableEnvironmentInternal env, List<ModifyOperation> operations) {
        List<ObjectIdentifier> sinks = new ArrayList<>();
        for (ModifyOperation operation : operations) {
            if (operation instanceof SinkModifyOperation sink) {
                sinks.add(sink.getContextResolvedTable().getIdentifier());
            }
        }
        // Before the job starts, so that none of its snapshots is taken for an older one.
        JobProgress progress = JobProgress.beforeSubmitting(sinks, warehouses::get);
        TableResultInternal result = env.executeInternal(operations);
        if (result.getJobClient().isEmpty()) {
            // DELETE pushed into the source (SupportsDeletePushDown) runs without a job.
            return new Outcome.Content(result, false);
        }
        return new Outcome.Job(result, progress, isStreaming());
    }

    private Outcome set(SetOperation set) {
        if (set.getKey().isEmpty()) {
            Map<String, String> sorted = new TreeMap<>(sessionConfig.toMap());
            List<Row> rows = new ArrayList<>();
            sorted.forEach((key, value) -> rows.add(Row.of(key, value)));
            TableResultInternal result = TableResultImpl.builder()
                    .resultKind(ResultKind.SUCCESS_WITH_CONTENT)
                    .schema(ResolvedSchema.of(
                            Column.physical("key", DataTypes.STRING()),
                            Column.physical("value", DataTypes.STRING())))
                    .data(rows)
                    .build();
            return new Outcome.Content(result, false);
        }
        String key = set.getKey().get().trim();
        String value = set.getValue().orElseThrow().trim();
        Configuration candidate = new Configuration(sessionConfig);
        candidate.setString(key, value);
        try {
            // Fails here, not at the next statement, on a value the option cannot take.
            candidate.get(ExecutionOptions.RUNTIME_MODE);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("Invalid value '" + value + "' for '" + key
                    + "': execution.runtime-mode is 'batch' or 'streaming'.");
        }
        sessionConfig.setString(key, value);
        tableEnvironment = null;
        return new Outcome.Done("Set '" + key + "' = '" + value + "'.");
    }

    private Outcome reset(ResetOperation reset) {
        if (reset.getKey().isEmpty()) {
            for (String key : new ArrayList<>(sessionConfig.keySet())) {
                sessionConfig.removeKey(key);
            }
            sessionConfig.addAll(defaults);
            tableEnvironment = null;
            return new Outcome.Done("Reset all session properties.");
        }
        String key = reset.getKey().get().trim();
        sessionConfig.removeKey(key);
        Map<String, String> defaultValues = defaults.toMap();
        if (defaultValues.containsKey(key)) {
            sessionConfig.setString(key, defaultValues.get(key));
        }
        tableEnvironment = null;
        return new Outcome.Done("Reset '" + key + "'.");
    }

    /** The table environment for the current configuration, built over the session's catalogs. */
    public TableEnvironmentInternal tableEnvironment() {
        if (tableEnvironment == null) {
            tableEnvironment = createTableEnvironment();
        }
        return tableEnvironment;
    }

    private TableEnvironmentInternal createTableEnvironment() {
        Configuration conf = cluster.configuration();
        conf.addAll(sessionConfig);
        EnvironmentSettings settings = EnvironmentSettings.newInstance()
                .withConfiguration(conf)
                .withClassLoader(userClassLoader)
                .build();
        StreamExecutionEnvironment env =
                new StreamExecutionEnvironment(cluster.executorServiceLoader(), conf, userClassLoader);
        TableConfig tableConfig = TableConfig.getDefault();
        tableConfig.setRootConfiguration(cluster.configuration());
        tableConfig.addConfiguration(sessionConfig);
        Executor executor = lookupExecutor(env);
        Planner planner = PlannerFactoryUtil.createPlanner(executor, tableConfig, userClassLoader,
                moduleManager, catalogManager, functionCatalog);
        return new StreamTableEnvironmentImpl(catalogManager, moduleManager, resourceManager,
                functionCatalog, tableConfig, env, planner, executor, settings.isStreamingMode());
    }

    /**
     * The planner's executor over {@code env}. Its factory lives behind the planner loader's class
     * loader, so its {@code create(StreamExecutionEnvironment)} is called reflectively, as Flink's SQL
     * gateway does.
     */
    private Executor lookupExecutor(StreamExecutionEnvironment env) {
        ExecutorFactory factory = FactoryUtil.discoverFactory(
                userClassLoader, ExecutorFactory.class, ExecutorFactory.DEFAULT_IDENTIFIER);
        try {
            Method create = factory.getClass().getMethod("create", StreamExecutionEnvironment.class);
            return (Executor) create.invoke(factory, env);
        } catch (ReflectiveOperationException e) {
            throw new TableException("Could not create Flink's executor: is the planner on the classpath?", e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            catalogManager.close();
        } finally {
            resourceManager.close();
        }
    }
}
