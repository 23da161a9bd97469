/** CLEF CheckThat! 2019 task 1: check-worthy claims in debates. Scorer still to come. */
import { countLines } from '../data.js';
import { notScoredYet, type Scorer } from './types.js';

export const checkthatScorer: Scorer = {
  id: 'checkthat',
  title: 'CheckThat! 2019 (check-worthy debate lines)',
  matches: (name) => name.toLowerCase().startsWith('checkthat'),
  score: (file) => notScoredYet('checkthat', checkthatScorer.title, file, countLines(file)),
};
