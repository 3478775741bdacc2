package org.stemloop.bench;

import com.sun.management.GcInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The memory of this JVM process, as a soak run samples it.
 *
 * @param heapUsedMb    heap in use now, garbage included (MiB): it saws up and down with each collection
 * @param heapAfterGcMb heap still in use right after the latest collection (MiB; NaN before the first): what a
 *                      leak makes grow
 * @param rssMb         resident set size from {@code /proc/self/status} (MiB; heap, metaspace, threads, native
 *                      buffers), or NaN where there is no {@code /proc}
 */
public record ProcessMemory(double heapUsedMb, double heapAfterGcMb, double rssMb) {

    private static final double MIB = 1024.0 * 1024.0;
    private static final Path STATUS = Path.of("/proc/self/status");

    /** A sample now; cheap (no collection is forced, so the sampling does not disturb the run). */
    public static ProcessMemory now() {
        double heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MIB;
        return new ProcessMemory(heap, heapAfterLastGcMb(), residentMb());
    }

    /**
     * The heap pools' use right after the most recent collection of any collector (a young one included, so
     * the value follows the run even when the old generation is rarely collected), or NaN before the first.
     */
    private static double heapAfterLastGcMb() {
        GcInfo latest = null;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof com.sun.management.GarbageCollectorMXBean sun) {
                GcInfo info = sun.getLastGcInfo();
                if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
                    latest = info;
                }
            }
        }
        if (latest == null) {
            return Double.NaN;
        }
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        double used = 0;
        for (Map.Entry<String, MemoryUsage> e : latest.getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) {
                used += e.getValue().getUsed();
            }
        }
        return used / MIB;
    }

    private static double residentMb() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    // "VmRSS:	  123456 kB"
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
            return Double.NaN;
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
    }
}
