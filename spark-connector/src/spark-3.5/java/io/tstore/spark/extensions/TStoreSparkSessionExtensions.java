package io.tstore.spark.extensions;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.parser.ParserInterface;

import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * The optional session extension of tstore for Spark 3.5, which has no {@code CALL} statement of its own:
 * {@code spark.sql.extensions = io.tstore.spark.extensions.TStoreSparkSessionExtensions} adds
 * {@code CALL <catalog>.system.<procedure>(args)} ({@link CallParser}). Nothing else needs it.
 */
public final class TStoreSparkSessionExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {

    @Override
    public BoxedUnit apply(SparkSessionExtensions extensions) {
        extensions.injectParser(new AbstractFunction2<SparkSession, ParserInterface, ParserInterface>() {
            @Override
            public ParserInterface apply(SparkSession session, ParserInterface delegate) {
                return new CallParser(delegate);
            }
        });
        return BoxedUnit.UNIT;
    }
}
