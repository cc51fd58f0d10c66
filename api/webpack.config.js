const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = {
  output: {
    // API_OUT_DIR: build elsewhere (e.g. a second checkout's server) without touching dist/api.
    path: process.env.API_OUT_DIR || join(__dirname, '../dist/api'),
    clean: true,
    ...(process.env.NODE_ENV !== 'production' && {
      devtoolModuleFilenameTemplate: '[absolute-resource-path]',
    }),
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      assets: [
        { input: './src/database/seed', glob: '*.tsv.gz', output: 'seed' },
        { input: './src/database/seed/media', glob: 'demo-*.{mp4,pdf,json}', output: 'seed/media' },
      ],
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: true,
      sourceMap: true,
    }),
  ],
};
