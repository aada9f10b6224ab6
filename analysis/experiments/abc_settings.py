"""The default settings of ``calibrate --method abc`` (a light module: the command line reads
them without importing the calibration code)."""

# 60 particles of 1 replication: on 2 cores (about 4 runs/s) 6 generations reached epsilon
# 2.1, against 3 generations and 11.3 for 30 particles of 2 (the weights degenerated)
DEFAULT_POPULATION = 60
DEFAULT_GENERATIONS = 20  # a cap: the time budget ends sampling first
DEFAULT_REPLICATIONS = 1
DEFAULT_MINUTES = 27.0  # the whole run: sampling stops in time for the final check
SCREEN_FACTOR = 3  # the final check: every particle with 3 times the replications,
FINAL_TOP = 5  # then the 5 closest (more when the time left allows)
FINAL_REPLICATIONS = 20  # with validate's default replications
KERNEL_FLOOR = 0.01  # the proposal kernel's least spread, as a share of each prior's width
FINAL_MARGIN_S = 30.0  # seconds kept back at the end for writing the results
