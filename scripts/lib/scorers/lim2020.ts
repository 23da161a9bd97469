/** Lim et al. 2020: sentences about four events told by many outlets. Scorer still to come. */
import { countLines } from '../data.js';
import { notScoredYet, type Scorer } from './types.js';

export const lim2020Scorer: Scorer = {
  id: 'lim2020',
  title: 'Lim et al. 2020 (one event, many outlets)',
  matches: (name) => name.toLowerCase().startsWith('lim2020'),
  score: (file) => notScoredYet('lim2020', lim2020Scorer.title, file, countLines(file)),
};
