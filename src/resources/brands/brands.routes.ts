import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/route-config.ts';
import {
  brandPage,
  brandParams,
  brandSchema,
  createBrandBody,
  listBrandsQuery,
  updateBrandBody,
} from './brands.schemas.ts';
import * as service from './brands.service.ts';

const tags = ['Brands'];

export const brandRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/v1/brands', {
    schema: {
      operationId: 'listBrands',
      summary: 'List brands',
      tags,
      querystring: listBrandsQuery,
      response: { 200: brandPage },
    },
    config: { scope: 'read:brands' },
    handler: (request) => service.listBrands(deps, principalOf(request), request.query),
  });
  app.post('/v1/brands', {
    schema: {
      operationId: 'createBrand',
      summary: 'Create a brand',
      tags,
      body: createBrandBody,
      response: { 201: brandSchema },
    },
    config: { scope: 'write:brands', errors: ['brand_not_authorized'] },
    handler: async (request, reply) =>
      reply.code(201).send(await service.createBrand(deps, principalOf(request), request.body)),
  });
  app.get('/v1/brands/:brand_id', {
    schema: {
      operationId: 'getBrand',
      summary: 'Get a brand',
      tags,
      params: brandParams,
      response: { 200: brandSchema },
    },
    config: { scope: 'read:brands', errors: ['not_found', 'brand_not_authorized'] },
    handler: (request) => service.getBrand(deps, principalOf(request), request.params.brand_id),
  });
  app.patch('/v1/brands/:brand_id', {
    schema: {
      operationId: 'updateBrand',
      summary: 'Update a brand',
      tags,
      params: brandParams,
      body: updateBrandBody,
      response: { 200: brandSchema },
    },
    config: { scope: 'write:brands', errors: ['not_found', 'brand_not_authorized'] },
    handler: (request) =>
      service.updateBrand(deps, principalOf(request), request.params.brand_id, request.body),
  });
  app.delete('/v1/brands/:brand_id', {
    schema: {
      operationId: 'deleteBrand',
      summary: 'Delete a brand and everything under it',
      tags,
      params: brandParams,
      response: { 204: z.null().describe('Deleted') },
    },
    config: { scope: 'write:brands', errors: ['not_found', 'brand_not_authorized'] },
    handler: async (request, reply) => {
      await service.deleteBrand(deps, principalOf(request), request.params.brand_id);
      return reply.code(204).send(null);
    },
  });
};
