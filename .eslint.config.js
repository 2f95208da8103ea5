// ESLint flat config (run as `eslint -c .eslint.config.js .`; the repo's top level is fixed).
// The layer boundaries of docs/architecture are enforced here, not by good intentions:
// domain/ is pure; Dexie only in storage/; the PocketBase SDK only in sync/.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const dexie = { name: 'dexie', message: 'Dexie is used only in src/lib/storage.' };
const pocketbase = { name: 'pocketbase', message: 'The PocketBase SDK is used only in src/lib/sync.' };
const restrict = (paths, patterns = []) => ['error', { paths, patterns }];

export default ts.config(
	{
		ignores: [
			'build/',
			'.tmp/',
			'.svelte-kit/',
			'node_modules/',
			'pocketbase/pb_data/',
			'pocketbase/pb_hooks/lib/domain.cjs',
			'src/lib/paraglide/',
			'tests/e2e/results/',
			'test-results/',
			'tests/e2e/screenshots/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: { projectService: true, extraFileExtensions: ['.svelte'] }
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
			'no-restricted-imports': restrict([dexie, pocketbase])
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } }
	},
	{
		files: ['src/lib/domain/**'],
		rules: {
			'no-restricted-imports': restrict(
				[dexie, pocketbase, { name: 'svelte', message: 'domain/ is pure TypeScript.' }],
				[{ group: ['$app/*', 'svelte/*', '../storage*', '../sync*', '../state*', '$lib/storage*', '$lib/sync*', '$lib/state*'], message: 'domain/ is pure: no I/O, no UI.' }]
			)
		}
	},
	{
		files: ['src/lib/storage/**'],
		rules: {
			'no-restricted-imports': restrict([pocketbase], [{ group: ['../sync*', '../state*', 'svelte', 'svelte/*', '$app/*'], message: 'storage/ knows only the domain.' }])
		}
	},
	{
		files: ['src/lib/sync/**'],
		rules: {
			'no-restricted-imports': restrict([dexie], [{ group: ['../state*', 'svelte', 'svelte/*', '$app/*'], message: 'sync/ knows only the domain and storage.' }])
		}
	},
	{
		files: ['tests/**'],
		rules: { 'no-restricted-imports': 'off' }
	},
	{
		// PocketBase's JS runtime (goja): CommonJS with its own globals, checked by the integration tests.
		files: ['pocketbase/**/*.js'],
		...ts.configs.disableTypeChecked,
		languageOptions: {
			sourceType: 'commonjs',
			parserOptions: { projectService: false, program: null },
			globals: {
				...globals.node,
				$app: 'readonly', $apis: 'readonly', $security: 'readonly', $os: 'readonly', $dbx: 'readonly',
				__hooks: 'readonly', routerAdd: 'readonly', migrate: 'readonly', Collection: 'readonly', Record: 'readonly',
				DynamicModel: 'readonly', arrayOf: 'readonly', toString: 'readonly', toBytes: 'readonly',
				BadRequestError: 'readonly', ForbiddenError: 'readonly', ApiError: 'readonly',
				onRecordUpdate: 'readonly', onRecordDelete: 'readonly', onRecordCreate: 'readonly',
				onRecordCreateRequest: 'readonly', onRecordUpdateRequest: 'readonly', onRecordDeleteRequest: 'readonly',
				onBootstrap: 'readonly', RelationField: 'readonly', TextField: 'readonly', SelectField: 'readonly',
				NumberField: 'readonly', BoolField: 'readonly', JSONField: 'readonly', AutodateField: 'readonly'
			}
		},
		rules: {
			...ts.configs.disableTypeChecked.rules,
			'@typescript-eslint/no-require-imports': 'off',
			'svelte/no-inner-declarations': 'off',
			'@typescript-eslint/triple-slash-reference': 'off',
			'no-restricted-imports': 'off'
		}
	},
	{
		files: ['pocketbase/scripts/**', 'tests/**/*.mjs', '.eslint.config.js', 'svelte.config.js'],
		...ts.configs.disableTypeChecked,
		languageOptions: { parserOptions: { projectService: false, program: null } }
	}
);
