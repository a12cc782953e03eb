package io.mediapurge.benchmark;

import java.lang.management.ManagementFactory;

/** The CPU time this JVM has used, all threads together, as the JVM reports it. */
final class ProcessCpu {

	private ProcessCpu() {
	}

	/**
	 * @return nanoseconds of CPU time used by this process so far, or -1 where the JVM
	 * cannot tell
	 */
	static long nanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime();
		}
		return -1;
	}

}
