import { existsSync } from 'node:fs';
import { join, normalize } from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppModule } from './app.module';
import { ErrorFilter } from './common/error.filter';
import { securityHeaders } from './common/security-headers';
import { validationPipe } from './common/validation';
import type { AppConfig } from './config/config';

export interface CreateAppOptions {
  logger?: LogLevel[] | false;
}

/** Builds the application with everything main.ts and the tests share: the real HTTP stack. */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    // The client address is read from X-Forwarded-For through TRUST_PROXY_HOPS proxies (set it only when
    // the API is reachable through them alone). A function: Fastify ignores a bare hop count.
    trustProxy: config.trustProxyHops > 0 ? (_address: string, hop: number) => hop < config.trustProxyHops : false,
    bodyLimit: 1_048_576,
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config, databaseUrl), adapter, {
    logger: options.logger ?? ['log', 'warn', 'error'],
    abortOnError: false,
  });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ErrorFilter());

  // Uploads stream through the media service, which applies the per-kind size limits.
  await app.register(fastifyMultipart, { limits: { files: 1, fields: 5, parts: 6 } });
  const headers = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        mediaSrc: ["'self'", 'blob:', 'https:'],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request, reply, done) => {
      void reply.headers(headers);
      done();
    });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Lingyan API')
      .setDescription('领雁 — training platform for village leaders of the Leading Geese Project')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  if (config.webRoot) await serveWebApp(app, config.webRoot);
  else Logger.warn('The web app is not built (dist/web/browser); only the API is served.', 'Web');

  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/**
 * Graceful stop: first the HTTP server stops accepting and waits for the requests in flight, then
 * Nest's shutdown hooks close the database pool. (`app.close()` alone closes the pool first.)
 */
export async function closeApp(app: NestFastifyApplication): Promise<void> {
  await app.getHttpAdapter().getInstance().close();
  await app.close();
}

/** The built Angular app at `/`, with deep links (`/admin/users`) answered by index.html. */
async function serveWebApp(app: NestFastifyApplication, root: string): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    setHeaders: (reply, path) => {
      const hashed = /-[A-Z0-9]{8,}\.(js|css)$/.test(path);
      void reply.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  // Files are looked up per request, so a new web build is served without restarting the API;
  // any other path is a route of the app and gets index.html.
  const sendIndex = (request: FastifyRequest, reply: FastifyReply) => {
    let path: string;
    try {
      path = decodeURIComponent(request.url.split('?')[0]);
    } catch {
      return reply.status(400).send({ statusCode: 400, error: 'VALIDATION_FAILED', message: 'Malformed URL.' });
    }
    if (path === '/api' || path.startsWith('/api/')) {
      return reply.status(404).send({ statusCode: 404, error: 'NOT_FOUND', message: 'Not found.' });
    }
    const file = normalize(path).replace(/^[/\\]+/, '');
    if (/\.[a-z0-9]+$/i.test(file)) {
      const inside = !file.startsWith('..') && existsSync(join(root, file));
      if (!inside) return reply.status(404).send({ statusCode: 404, error: 'NOT_FOUND', message: 'Not found.' });
      return reply.sendFile(file, root);
    }
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html', root);
  };
  fastify.get('/', sendIndex);
  fastify.get('/*', sendIndex);
  Logger.log(`serving the web app from ${join(root)}`, 'Web');
}
