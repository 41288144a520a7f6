/** Blind votes between configs and the leaderboard they make (issue #16): the pure logic. */
export {
  canonicalJson,
  entryKey,
  entryRef,
  swapOutcome,
  isHumanVote,
  VOTE_OUTCOMES,
  type EntryRef,
  type Vote,
  type VoteJudge,
  type VoteOutcome,
} from './votes';
export {
  parseVotesFile,
  votesToJson,
  MAX_VOTES_CHARS,
  VOTES_FORMAT,
  VOTES_VERSION,
  type VotesReadResult,
} from './votes-file';
export {
  bradleyTerry,
  comparisonOf,
  DEFAULT_PRIOR,
  LEFT_SCORE,
  POINTS_PER_NAT,
  type BradleyTerryFit,
  type BradleyTerryOptions,
  type Comparison,
  type Rating,
} from './bradley-terry';
export {
  bootstrapScores,
  DEFAULT_RESAMPLES,
  DEFAULT_SEED,
  type BootstrapScoreOptions,
  type ScoreInterval,
} from './bootstrap';
export {
  leaderboard,
  selectVotes,
  sharedRanks,
  voteCategories,
  DEFAULT_MIN_VOTES,
  type LeaderboardOptions,
  type LeaderboardRow,
} from './leaderboard';
export { judgePrompt, judgeVerdict, parseJudgeReply, type JudgePick } from './model-judge';
