package io.tstore.lsm.compact;

import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.file.LsmFileMeta;
import io.tstore.lsm.file.SortedRun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntervalPartitionTest {
    private static final Comparator<Long> KEYS = Comparator.naturalOrder();

    private int nextFile;

    @Test
    void noFilesGiveNoSections() {
        assertThat(IntervalPartition.partition(List.<LsmFile<Long>>of(), KEYS)).isEmpty();
    }

    @Test
    void singleFileIsASectionOfOneRun() {
        LsmFileMeta<Long> file = file(3, 7);

        List<List<SortedRun<Long>>> sections = IntervalPartition.partition(List.of(file), KEYS);

        assertThat(names(sections)).containsExactly(List.of(List.of(file.fileName())));
    }

    @Test
    void disjointFilesAreSectionsInKeyOrder() {
        LsmFileMeta<Long> a = file(1, 2);
        LsmFileMeta<Long> b = file(3, 4);
        LsmFileMeta<Long> c = file(5, 6);

        List<List<SortedRun<Long>>> sections = IntervalPartition.partition(List.of(c, a, b), KEYS);

        assertThat(names(sections)).containsExactly(
                List.of(List.of(a.fileName())), List.of(List.of(b.fileName())), List.of(List.of(c.fileName())));
    }

    @Test
    void filesSharingABoundaryKeyOverlap() {
        // Key ranges are inclusive: both files hold key 5.
        LsmFileMeta<Long> a = file(1, 5);
        LsmFileMeta<Long> b = file(5, 9);

        List<List<SortedRun<Long>>> sections = IntervalPartition.partition(List.of(b, a), KEYS);

        assertThat(names(sections)).containsExactly(List.of(List.of(a.fileName()), List.of(b.fileName())));
    }

    @Test
    void overlappingChainIsOneSectionOfTwoRuns() {
        LsmFileMeta<Long> a = file(1, 5);
        LsmFileMeta<Long> b = file(4, 8);
        LsmFileMeta<Long> c = file(7, 10);

        List<List<SortedRun<Long>>> sections = IntervalPartition.partition(List.of(a, b, c), KEYS);

        // No key lies in all three files, so two runs suffice: a then c, and b.
        assertThat(names(sections)).containsExactly(
                List.of(List.of(a.fileName(), c.fileName()), List.of(b.fileName())));
    }

    @Test
    void nestedFilesShareARunBesideTheirEnclosingFile() {
        LsmFileMeta<Long> outer = file(1, 100);
        LsmFileMeta<Long> first = file(2, 3);
        LsmFileMeta<Long> second = file(4, 5);
        LsmFileMeta<Long> third = file(6, 7);

        List<List<SortedRun<Long>>> sections =
                IntervalPartition.partition(List.of(third, outer, second, first), KEYS);

        assertThat(names(sections)).containsExactly(List.of(
                List.of(outer.fileName()),
                List.of(first.fileName(), second.fileName(), third.fileName())));
    }

    @Test
    void sectionContinuesWhileAnEarlierFileReachesAcross() {
        // b ends before c starts, but a still covers c; d starts after everything before it has ended.
        LsmFileMeta<Long> a = file(1, 10);
        LsmFileMeta<Long> b = file(2, 3);
        LsmFileMeta<Long> c = file(5, 6);
        LsmFileMeta<Long> d = file(11, 12);

        List<List<SortedRun<Long>>> sections = IntervalPartition.partition(List.of(d, c, b, a), KEYS);

        assertThat(names(sections)).containsExactly(
                List.of(List.of(a.fileName()), List.of(b.fileName(), c.fileName())),
                List.of(List.of(d.fileName())));
    }

    @Test
    void identicalRangesNeedOneRunEach() {
        List<LsmFileMeta<Long>> files = List.of(file(1, 5), file(1, 5), file(1, 5));

        List<List<SortedRun<Long>>> sections = IntervalPartition.partition(files, KEYS);

        assertThat(sections).hasSize(1);
        assertThat(sections.get(0)).hasSize(3).allSatisfy(run -> assertThat(run.files()).hasSize(1));
    }

    @Test
    void filesWithTheSameMinKeyAreOrderedByMaxKey() {
        LsmFileMeta<Long> longer = file(1, 3);
        LsmFileMeta<Long> shorter = file(1, 2);
        LsmFileMeta<Long> later = file(3, 4);

        List<List<SortedRun<Long>>> sections = IntervalPartition.partition(List.of(longer, shorter, later), KEYS);

        // The shorter file comes first and so opens the first run; the later file goes after it.
        assertThat(names(sections)).containsExactly(List.of(
                List.of(shorter.fileName(), later.fileName()), List.of(longer.fileName())));
    }

    @Test
    void fileGoesAfterTheRunThatEndsFirst() {
        LsmFileMeta<Long> outer = file(1, 50);
        LsmFileMeta<Long> endsAt3 = file(2, 3);
        LsmFileMeta<Long> endsAt4 = file(2, 4);
        LsmFileMeta<Long> next = file(6, 7);

        List<List<SortedRun<Long>>> sections =
                IntervalPartition.partition(List.of(next, endsAt4, endsAt3, outer), KEYS);

        // Both short runs could take the next file; the one ending at 3 does.
        assertThat(names(sections)).containsExactly(List.of(
                List.of(outer.fileName()),
                List.of(endsAt3.fileName(), next.fileName()),
                List.of(endsAt4.fileName())));
    }

    @Test
    void runsEndingOnTheSameKeyGiveTheFileToTheEarlierRun() {
        LsmFileMeta<Long> outer = file(1, 50);
        LsmFileMeta<Long> earlier = file(2, 3);
        LsmFileMeta<Long> later = file(3, 3);
        LsmFileMeta<Long> next = file(6, 7);

        List<List<SortedRun<Long>>> sections =
                IntervalPartition.partition(List.of(next, later, outer, earlier), KEYS);

        assertThat(names(sections)).containsExactly(List.of(
                List.of(outer.fileName()),
                List.of(earlier.fileName(), next.fileName()),
                List.of(later.fileName())));
    }

    @Test
    void followsTheKeyComparator() {
        // In descending key order a file's min key is its largest number.
        Comparator<Long> descending = Comparator.reverseOrder();
        LsmFileMeta<Long> high = file(10, 6);
        LsmFileMeta<Long> middle = file(7, 4);
        LsmFileMeta<Long> low = file(2, 1);

        List<List<SortedRun<Long>>> sections = IntervalPartition.partition(List.of(low, middle, high), descending);

        assertThat(names(sections)).containsExactly(
                List.of(List.of(high.fileName()), List.of(middle.fileName())), List.of(List.of(low.fileName())));
    }

    @Test
    void leavesTheInputAlone() {
        List<LsmFile<Long>> files = new ArrayList<>(List.of(file(5, 6), file(1, 2), file(3, 9)));
        List<LsmFile<Long>> copy = List.copyOf(files);

        IntervalPartition.partition(files, KEYS);
        IntervalPartition.partition(Collections.unmodifiableList(files), KEYS);

        assertThat(files).containsExactlyElementsOf(copy);
    }

    @Test
    void resultIsImmutable() {
        List<List<SortedRun<Long>>> sections = IntervalPartition.partition(List.of(file(1, 2), file(2, 3)), KEYS);

        assertThatThrownBy(() -> sections.add(List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> sections.get(0).add(SortedRun.empty()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsAFileWhoseMinKeyIsAboveItsMaxKey() {
        LsmFileMeta<Long> backwards = file(9, 2);

        assertThatThrownBy(() -> IntervalPartition.partition(List.of(file(1, 2), backwards), KEYS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("File " + backwards.fileName() + " has min key 9 above its max key 2");
    }

    @Test
    void rejectsNulls() {
        assertThatThrownBy(() -> IntervalPartition.partition(null, KEYS))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("files is null");
        assertThatThrownBy(() -> IntervalPartition.partition(List.of(file(1, 2)), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("keyComparator is null");
        List<LsmFile<Long>> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> IntervalPartition.partition(withNull, KEYS))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("files contains null");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 20240611})
    void randomFilesPartitionIntoDisjointSectionsOfFewestRuns(long seed) {
        Random random = new Random(seed);
        for (int iteration = 0; iteration < 200; iteration++) {
            List<LsmFile<Long>> files = randomFiles(random);
            String context = "seed " + seed + ", iteration " + iteration;

            List<List<SortedRun<Long>>> sections = IntervalPartition.partition(files, KEYS);

            assertEveryFileOnce(files, sections, context);
            for (int s = 0; s < sections.size(); s++) {
                List<SortedRun<Long>> section = sections.get(s);
                assertThat(section).as(context).isNotEmpty();
                for (SortedRun<Long> run : section) {
                    assertThat(run.files()).as(context).isNotEmpty();
                    run.validate(KEYS);
                }
                assertThat(section).as(context + ", runs of section " + s).hasSize(maxDepth(section));
                if (s > 0) {
                    assertThat(minKey(section)).as(context + ", section " + s + " starts after the previous ends")
                            .isGreaterThan(maxKey(sections.get(s - 1)));
                }
            }
            assertNoOverlapAcrossSections(sections, context);
        }
    }

    // ---------------------------------------------------------------- helpers

    private LsmFileMeta<Long> file(long minKey, long maxKey) {
        int id = nextFile++;
        return new LsmFileMeta<>("file-" + id, 100, 1, 0, minKey, maxKey, id, id, 0);
    }

    private List<LsmFile<Long>> randomFiles(Random random) {
        int count = random.nextInt(60);
        // A narrow key space crowds files into few deep sections, a wide one spreads them into many.
        int keySpace = 1 + random.nextInt(random.nextBoolean() ? 50 : 1000);
        List<LsmFile<Long>> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long minKey = random.nextInt(keySpace);
            long length = random.nextInt(4) == 0 ? random.nextInt(keySpace) : random.nextInt(5);
            files.add(file(minKey, minKey + length));
        }
        return files;
    }

    private static void assertEveryFileOnce(
            List<LsmFile<Long>> files, List<List<SortedRun<Long>>> sections, String context) {
        List<String> partitioned = new ArrayList<>();
        for (List<SortedRun<Long>> section : sections) {
            for (SortedRun<Long> run : section) {
                for (LsmFile<Long> file : run.files()) {
                    partitioned.add(file.fileName());
                }
            }
        }
        List<String> expected = files.stream().map(LsmFile::fileName).toList();
        assertThat(partitioned).as(context).containsExactlyInAnyOrderElementsOf(expected);
        Set<String> unique = new HashSet<>(partitioned);
        assertThat(unique).as(context).hasSameSizeAs(partitioned);
    }

    private static void assertNoOverlapAcrossSections(List<List<SortedRun<Long>>> sections, String context) {
        for (int s = 0; s < sections.size(); s++) {
            for (int t = s + 1; t < sections.size(); t++) {
                for (LsmFile<Long> a : filesOf(sections.get(s))) {
                    for (LsmFile<Long> b : filesOf(sections.get(t))) {
                        assertThat(overlaps(a, b))
                                .as("%s: %s in section %d overlaps %s in section %d", context, a, s, b, t)
                                .isFalse();
                    }
                }
            }
        }
    }

    /** The largest number of files of the section that hold one key; the deepest key is some file's min key. */
    private static int maxDepth(List<SortedRun<Long>> section) {
        List<LsmFile<Long>> files = filesOf(section);
        int depth = 0;
        for (LsmFile<Long> point : files) {
            int covering = 0;
            for (LsmFile<Long> file : files) {
                if (file.minKey() <= point.minKey() && point.minKey() <= file.maxKey()) {
                    covering++;
                }
            }
            depth = Math.max(depth, covering);
        }
        return depth;
    }

    private static boolean overlaps(LsmFile<Long> a, LsmFile<Long> b) {
        return a.minKey() <= b.maxKey() && b.minKey() <= a.maxKey();
    }

    private static long minKey(List<SortedRun<Long>> section) {
        return filesOf(section).stream().mapToLong(LsmFile::minKey).min().orElseThrow();
    }

    private static long maxKey(List<SortedRun<Long>> section) {
        return filesOf(section).stream().mapToLong(LsmFile::maxKey).max().orElseThrow();
    }

    private static List<LsmFile<Long>> filesOf(List<SortedRun<Long>> section) {
        List<LsmFile<Long>> files = new ArrayList<>();
        for (SortedRun<Long> run : section) {
            files.addAll(run.files());
        }
        return files;
    }

    private static List<List<List<String>>> names(List<List<SortedRun<Long>>> sections) {
        List<List<List<String>>> names = new ArrayList<>();
        for (List<SortedRun<Long>> section : sections) {
            List<List<String>> runs = new ArrayList<>();
            for (SortedRun<Long> run : section) {
                runs.add(run.files().stream().map(LsmFile::fileName).toList());
            }
            names.add(runs);
        }
        return names;
    }
}
