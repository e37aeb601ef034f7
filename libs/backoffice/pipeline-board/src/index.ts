export * from './lib/pipeline-board.routes';
